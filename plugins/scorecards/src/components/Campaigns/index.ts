export { CampaignsPage } from './CampaignsPage';
export type { CampaignsPageProps } from './CampaignsPage';
export { CampaignsView } from './CampaignsView';
export { CampaignDetails } from './CampaignDetails';
export { EntityCampaignsCard } from './EntityCampaignsCard';

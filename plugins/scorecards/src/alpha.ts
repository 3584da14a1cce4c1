export {
  default,
  scorecardsApi,
  scorecardsPage,
  scorecardsCampaignsPage,
  scorecardsEntityCampaignsCard,
  scorecardsEntityCard,
  scorecardsEntityRollupCard,
  scorecardsEntityContent,
  scorecardsHomeWidget,
} from './alpha/plugin';

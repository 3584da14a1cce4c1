export { EntityWaiverRequestsCard } from './EntityWaiverRequestsCard';
export { RequestWaiverDialog } from './RequestWaiverDialog';
export { useEntityWaiverRequests } from './useEntityWaiverRequests';
export type { EntityWaiverRequests } from './useEntityWaiverRequests';
export { WaiverRequestsView } from './WaiverRequestsView';
export { WaiverStateChip } from './WaiverStateChip';

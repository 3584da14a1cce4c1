export { scorecardsApiRef } from './ScorecardsApi';
export type {
  CampaignQuery,
  DueCampaign,
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
  WaiverRequestAction,
  WaiverRequestQuery,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';

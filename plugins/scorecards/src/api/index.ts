export { scorecardsApiRef } from './ScorecardsApi';
export type {
  DueCampaign,
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
  WaiverRequestAction,
  WaiverRequestQuery,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';

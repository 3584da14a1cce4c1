export { scorecardsApiRef } from './ScorecardsApi';
export type {
  DueCampaign,
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';

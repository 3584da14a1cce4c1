export { scorecardsApiRef } from './ScorecardsApi';
export type {
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';

export { scorecardsApiRef } from './ScorecardsApi';
export type {
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
  WaiverRequestAction,
  WaiverRequestQuery,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';

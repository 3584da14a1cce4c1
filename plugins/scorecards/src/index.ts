/**
 * Frontend of the Gatekeeper scorecards plugin: entity card and tab with gate
 * results, evidence, waivers and history, and an overview page with a
 * heatmap, roll-ups and CSV export.
 *
 * @packageDocumentation
 */
export {
  scorecardsPlugin,
  EntityScorecardCard,
  EntityScorecardContent,
  EntityScorecardRollupCard,
  ScorecardsPage,
  MyGatekeeperCard,
  CampaignsPage,
  EntityCampaignsCard,
} from './plugin';
export type { CampaignsPageProps } from './components/Campaigns';
export type { MyGatekeeperCardProps } from './components/MyGatekeeperCard';
export { scorecardsApiRef, ScorecardsClient } from './api';
export type {
  CampaignQuery,
  DueCampaign,
  ScorecardsApi,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
  WaiverRequestAction,
  WaiverRequestQuery,
} from './api';
export {
  isCampaignsCardAvailable,
  isScorecardAvailable,
  isScorecardRollupAvailable,
  SCORECARD_ANNOTATION,
} from './isScorecardAvailable';
export type { EntityScorecardCardProps } from './components/EntityScorecardCard';
export type { ScorecardsPageProps } from './components/ScorecardsPage';
export type { EntityScorecardRollupCardProps } from './components/EntityScorecardRollupCard';
export {
  rootRouteRef as scorecardsRouteRef,
  campaignsRouteRef as scorecardsCampaignsRouteRef,
} from './routes';

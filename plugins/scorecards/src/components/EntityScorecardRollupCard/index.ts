export { EntityScorecardRollupCard } from './EntityScorecardRollupCard';
export type { EntityScorecardRollupCardProps } from './EntityScorecardRollupCard';

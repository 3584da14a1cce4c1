/**
 * Entity kinds that get a scorecard unless `scorecards.kinds` says otherwise:
 * the backend's default and the kinds the frontend shows the scorecard for.
 *
 * @public
 */
export const DEFAULT_SCORED_KINDS: readonly string[] = Object.freeze([
  'Component',
]);

import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_SCORED_KINDS } from '@gatekeeper/plugin-scorecards-common';

/** Annotation that opts an entity out of scorecards when set to `disabled`. */
export const SCORECARD_ANNOTATION = 'gatekeeper.dev/scorecard';

const SCORED_KINDS = DEFAULT_SCORED_KINDS.map(k =>
  k.toLocaleLowerCase('en-US'),
);

/**
 * Whether the scorecard card/tab should be shown for an entity: the kinds
 * the backend scores by default (`DEFAULT_SCORED_KINDS`: Component) unless the entity opts out with
 * `gatekeeper.dev/scorecard: disabled`.
 *
 * @public
 */
export function isScorecardAvailable(entity: Entity): boolean {
  if (
    entity.metadata.annotations?.[SCORECARD_ANNOTATION]?.toLocaleLowerCase(
      'en-US',
    ) === 'disabled'
  ) {
    return false;
  }
  return SCORED_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

const ROLLUP_KINDS = ['group', 'system', 'domain'];

/**
 * Whether the scorecard roll-up card applies: Group, System and Domain
 * entities.
 *
 * @public
 */
export function isScorecardRollupAvailable(entity: Entity): boolean {
  return ROLLUP_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * Whether the campaigns card applies: scored entities (their campaigns) and
 * groups (the campaigns of their entities).
 *
 * @public
 */
export function isCampaignsCardAvailable(entity: Entity): boolean {
  return (
    isScorecardAvailable(entity) ||
    entity.kind.toLocaleLowerCase('en-US') === 'group'
  );
}

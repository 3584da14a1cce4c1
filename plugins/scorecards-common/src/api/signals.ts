/**
 * The signals channel of every scorecard change; its messages name no entity
 * (`{}`), since signal channels are not authorized.
 *
 * @public
 */
export const SCORECARDS_SIGNAL_CHANNEL = 'gatekeeper:scorecards';

/**
 * The signals channel of one entity's scorecard changes (verdict, score,
 * level or a gate status); its messages are `{ entityRef }`.
 *
 * @public
 */
export function scorecardSignalChannel(entityRef: string): string {
  return `${SCORECARDS_SIGNAL_CHANNEL}:${entityRef}`;
}

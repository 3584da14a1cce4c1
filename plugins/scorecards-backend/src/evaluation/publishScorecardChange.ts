import { LoggerService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  SCORECARDS_SIGNAL_CHANNEL,
  scorecardSignalChannel,
} from '@gatekeeper/plugin-scorecards-common';

/**
 * Tells open pages that a stored scorecard changed (verdict, score, level or
 * a gate status): `{ entityRef }` on the entity's channel and `{}` on the
 * coarse channel. Signals are broadcast and their channels are not
 * authorized, so the messages carry no verdict and the coarse one no entity:
 * pages refetch through the API, which applies the caller's permissions.
 * A failed publish is logged, never fails the evaluation.
 */
export async function publishScorecardChange(options: {
  signals?: SignalsService;
  logger: LoggerService;
  entityRef: string;
}): Promise<void> {
  const { signals, logger, entityRef } = options;
  if (!signals) return;
  try {
    await signals.publish({
      recipients: { type: 'broadcast' },
      channel: scorecardSignalChannel(entityRef),
      message: { entityRef },
    });
    await signals.publish({
      recipients: { type: 'broadcast' },
      channel: SCORECARDS_SIGNAL_CHANNEL,
      message: {},
    });
  } catch (error) {
    assertError(error);
    logger.warn(
      `Could not signal the scorecard change of ${entityRef}: ${error.message}`,
      { entityRef },
    );
  }
}

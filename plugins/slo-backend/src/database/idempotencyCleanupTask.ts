import {
  LoggerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { IdempotencyStore } from '@gatekeeper/gatekeeper-node';

/** The hourly task removing expired Idempotency-Keys. */
export function createIdempotencyCleanupTask(options: {
  store: IdempotencyStore;
  logger: LoggerService;
}): SchedulerServiceTaskFunction {
  return async () => {
    const removed = await options.store.deleteExpired();
    options.logger.info(`Removed ${removed} expired Idempotency-Keys`);
  };
}

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { IdempotencyStore } from '@gatekeeper/gatekeeper-node';

/** Id of the scheduled task. */
export const IDEMPOTENCY_CLEANUP_TASK_ID = 'scorecards-idempotency-cleanup';

/** Removes expired Idempotency-Keys of the push API every hour. */
export async function scheduleIdempotencyCleanup(options: {
  scheduler: SchedulerService;
  idempotency: IdempotencyStore;
  logger: LoggerService;
}): Promise<void> {
  const { idempotency, logger } = options;
  await options.scheduler.scheduleTask({
    id: IDEMPOTENCY_CLEANUP_TASK_ID,
    frequency: { minutes: 60 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const removed = await idempotency.deleteExpired();
      logger.info(`Removed ${removed} expired Idempotency-Keys`);
    },
  });
}

import { mockServices } from '@backstage/backend-test-utils';
import { IdempotencyStore } from '@gatekeeper/gatekeeper-node';
import {
  IDEMPOTENCY_CLEANUP_TASK_ID,
  scheduleIdempotencyCleanup,
} from './scheduleIdempotencyCleanup';

describe('scheduleIdempotencyCleanup', () => {
  it('schedules an hourly task that removes expired keys and logs the count', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const deleteExpired = jest.fn(async () => 3);
    await scheduleIdempotencyCleanup({
      scheduler,
      idempotency: {
        deleteExpired,
      } as Partial<IdempotencyStore> as IdempotencyStore,
      logger,
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: IDEMPOTENCY_CLEANUP_TASK_ID,
      frequency: { minutes: 60 },
    });
    expect(deleteExpired).not.toHaveBeenCalled();
    await task.fn(new AbortController().signal);
    expect(deleteExpired).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Removed 3 expired Idempotency-Keys',
    );
  });
});

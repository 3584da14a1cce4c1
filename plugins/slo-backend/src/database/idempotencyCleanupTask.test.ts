import { mockServices } from '@backstage/backend-test-utils';
import { IdempotencyStore } from '@gatekeeper/gatekeeper-node';
import { createIdempotencyCleanupTask } from './idempotencyCleanupTask';

describe('createIdempotencyCleanupTask', () => {
  it('removes expired keys and logs how many', async () => {
    const store = { deleteExpired: jest.fn().mockResolvedValue(3) };
    const logger = mockServices.logger.mock();
    await createIdempotencyCleanupTask({
      store: store as unknown as IdempotencyStore,
      logger,
    })(new AbortController().signal);
    expect(store.deleteExpired).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Removed 3 expired Idempotency-Keys',
    );
  });
});

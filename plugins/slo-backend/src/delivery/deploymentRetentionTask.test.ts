import { mockServices } from '@backstage/backend-test-utils';
import { DeploymentStore } from './DeploymentStore';
import { createDeploymentRetentionTask } from './deploymentRetentionTask';

describe('createDeploymentRetentionTask', () => {
  it('removes events older than the retention and logs how many', async () => {
    const store = { deleteOlderThan: jest.fn().mockResolvedValue(4) };
    const logger = mockServices.logger.mock();
    await createDeploymentRetentionTask({
      store: store as unknown as DeploymentStore,
      retentionDays: 400,
      logger,
      now: () => Date.parse('2026-12-04T00:00:00Z'),
    })(new AbortController().signal);
    // 400 days before 4 Dec 2026
    expect(store.deleteOlderThan).toHaveBeenCalledWith(
      '2025-10-30T00:00:00.000Z',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Removed 4 deployment and rollback events older than 400 days',
    );
  });
});

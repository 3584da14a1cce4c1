import {
  LoggerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { DeploymentStore } from './DeploymentStore';

/** The daily task removing deployment and rollback events past `slo.delivery.retentionDays`. */
export function createDeploymentRetentionTask(options: {
  store: DeploymentStore;
  retentionDays: number;
  logger: LoggerService;
  now?: () => number;
}): SchedulerServiceTaskFunction {
  const now = options.now ?? Date.now;
  return async () => {
    const before = new Date(
      now() - options.retentionDays * 86_400_000,
    ).toISOString();
    const removed = await options.store.deleteOlderThan(before);
    options.logger.info(
      `Removed ${removed} deployment and rollback events older than ${options.retentionDays} days`,
    );
  };
}

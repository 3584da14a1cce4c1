import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloConfig } from '../config';
import { createIdempotencyCleanupTask } from '../database/idempotencyCleanupTask';
import { SloStores } from '../database/SloStores';
import { createDeploymentRetentionTask } from '../delivery/deploymentRetentionTask';
import { createPagerDutySyncTask } from '../incidents/pagerDutySyncTask';
import { createSloReportRefreshTask } from './sloReportRefreshTask';
import { SloService } from './SloService';

/**
 * The hourly Idempotency-Key cleanup, the SLO report refresh (unless
 * disabled) and, when configured, the PagerDuty sync.
 */
export async function scheduleSloTasks(options: {
  config: SloConfig;
  stores: SloStores;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  service?: SloService;
}) {
  const { config, stores, scheduler, logger } = options;
  await scheduler.scheduleTask({
    id: 'slo-idempotency-cleanup',
    frequency: { minutes: 60 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: createIdempotencyCleanupTask({ store: stores.idempotency, logger }),
  });
  if (config.refresh.enabled && options.service) {
    await scheduler.scheduleTask({
      id: 'slo-report-refresh',
      frequency: { seconds: config.refresh.frequencySeconds },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 10 },
      fn: createSloReportRefreshTask({
        catalog: options.catalog,
        auth: options.auth,
        service: options.service,
        reports: stores.reports,
        logger,
        concurrency: config.refresh.concurrency,
      }),
    });
  }
  await scheduler.scheduleTask({
    id: 'slo-deployment-retention',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 2 },
    fn: createDeploymentRetentionTask({
      store: stores.deployments,
      retentionDays: config.delivery.retentionDays,
      logger,
    }),
  });
  if (config.pagerDuty) {
    await scheduler.scheduleTask({
      id: 'slo-pagerduty-sync',
      frequency: { minutes: config.pagerDuty.syncIntervalMinutes },
      timeout: { minutes: 10 },
      fn: createPagerDutySyncTask({
        pagerDuty: config.pagerDuty,
        store: stores.incidents,
        catalog: options.catalog,
        auth: options.auth,
        logger,
      }),
    });
  }
}

import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PagerDutyConfig } from '../config';
import { IncidentStore } from './IncidentStore';
import { PAGERDUTY_SERVICE_ANNOTATION, syncPagerDuty } from './pagerDutySync';

/**
 * The scheduled PagerDuty sync: mirrors the incidents of every entity
 * annotated with `pagerduty.com/service-id` of the last `lookbackDays`.
 */
export function createPagerDutySyncTask(options: {
  pagerDuty: PagerDutyConfig;
  store: IncidentStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now?: () => number;
}): SchedulerServiceTaskFunction {
  const { pagerDuty, store, catalog, auth, logger } = options;
  const now = options.now ?? Date.now;
  return async () => {
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PAGERDUTY_SERVICE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata'],
      },
      { credentials },
    );
    const result = await syncPagerDuty({
      store,
      logger,
      baseUrl: pagerDuty.baseUrl,
      token: pagerDuty.token,
      since: new Date(now() - pagerDuty.lookbackDays * 86_400_000),
      entities: items.map(entity => ({
        entityRef: stringifyEntityRef(entity),
        serviceId: entity.metadata.annotations![PAGERDUTY_SERVICE_ANNOTATION],
      })),
    });
    logger.info('PagerDuty incidents synced', { ...result });
  };
}

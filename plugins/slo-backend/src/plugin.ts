import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readWriteRateLimits } from '@gatekeeper/gatekeeper-node';
import { parseDuration, sloPermissions } from '@gatekeeper/plugin-slo-common';
import {
  SloDatasource,
  sloDatasourcesExtensionPoint,
} from '@gatekeeper/plugin-slo-node';
import { createBuiltInDatasource } from './service/createBuiltInDatasource';
import { DatabaseSloStore } from './database/IncidentStore';
import { DEFAULT_POLICY } from './service/errorBudgetPolicy';
import {
  PAGERDUTY_SERVICE_ANNOTATION,
  syncPagerDuty,
} from './service/pagerDutySync';
import { createRouter } from './service/router';
import { seedDemoIncidents } from './service/seedDemoIncidents';
import { SloService } from './service/SloService';

/**
 * The SLO backend plugin: OpenSLO definitions per entity, error budgets,
 * burn-rate alerts, the error budget policy gate, and incidents.
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const added = new Map<string, SloDatasource>();
    env.registerExtensionPoint(sloDatasourcesExtensionPoint, {
      addDatasource(datasource) {
        if (added.has(datasource.name)) {
          throw new Error(
            `SLO datasource '${datasource.name}' is already registered`,
          );
        }
        added.set(datasource.name, datasource);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        const slo = config.getOptionalConfig('slo');
        const datasourceName = slo?.getOptionalString('datasource') ?? 'demo';

        const datasource =
          added.get(datasourceName) ??
          createBuiltInDatasource(config, datasourceName);
        if (!datasource) {
          throw new Error(
            `slo.datasource '${datasourceName}' is unknown; use demo, prometheus or one of: ${[
              ...added.keys(),
            ].join(', ')}`,
          );
        }
        if (datasource.demo) {
          logger.warn(
            'SLO backend uses the DEMO datasource: error budgets are synthetic. Set slo.datasource: prometheus for real data.',
          );
        }

        deps.permissionsRegistry.addPermissions(sloPermissions);
        const store = await DatabaseSloStore.create({
          database: deps.database,
        });
        if (
          datasource.demo &&
          (slo?.getOptionalBoolean('demo.seedIncidents') ?? true)
        ) {
          await seedDemoIncidents(store);
        }
        const policyConfig = slo?.getOptionalConfig('policy');
        const service = new SloService({
          catalog: deps.catalog,
          urlReader: deps.urlReader,
          datasource,
          store,
          logger,
          stepSeconds: slo?.getOptionalNumber('stepSeconds'),
          forecastWindowSeconds: parseDuration(
            slo?.getOptionalString('forecastWindow') ?? '1h',
          ),
          cacheTtlSeconds: slo?.getOptionalNumber('cacheTtlSeconds'),
          policy: {
            postmortemThresholdPercent:
              policyConfig?.getOptionalNumber('postmortemThresholdPercent') ??
              DEFAULT_POLICY.postmortemThresholdPercent,
            exceptions:
              policyConfig?.getOptionalStringArray('exceptions') ??
              DEFAULT_POLICY.exceptions,
            postmortemBlocksChanges:
              policyConfig?.getOptionalBoolean('postmortemBlocksChanges') ??
              DEFAULT_POLICY.postmortemBlocksChanges,
          },
        });
        const am = slo?.getOptionalConfig('alertmanager');
        const idempotencyTtlMs =
          (slo?.getOptionalNumber('idempotency.ttlHours') ?? 24) * 3_600_000;
        await deps.scheduler.scheduleTask({
          id: 'slo-idempotency-cleanup',
          frequency: { minutes: 60 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const removed = await store.idempotency.deleteExpired();
            logger.info(`Removed ${removed} expired Idempotency-Keys`);
          },
        });
        deps.httpRouter.use(
          await createRouter({
            service,
            store,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
            webhookToken: am?.getOptionalString('webhookToken'),
            entityLabels: am?.getOptionalStringArray('entityLabels') ?? [
              'backstage_entity',
              'service',
            ],
            severityLabel: am?.getOptionalString('severityLabel') ?? 'severity',
            rateLimit: {
              burst: am?.getOptionalNumber('rateLimit.burst') ?? 30,
              perSecond: am?.getOptionalNumber('rateLimit.perSecond') ?? 5,
            },
            idempotency: { ttlMs: idempotencyTtlMs },
            writeRateLimits: readWriteRateLimits(config, 'slo'),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/alertmanager/webhook',
          allow: 'unauthenticated',
        });

        const pagerDuty = slo?.getOptionalConfig('pagerduty');
        if (pagerDuty) {
          const baseUrl = pagerDuty.getString('baseUrl');
          const token = pagerDuty.getString('apiToken');
          const lookbackDays =
            pagerDuty.getOptionalNumber('lookbackDays') ?? 30;
          await deps.scheduler.scheduleTask({
            id: 'slo-pagerduty-sync',
            frequency: {
              minutes: pagerDuty.getOptionalNumber('syncIntervalMinutes') ?? 5,
            },
            timeout: { minutes: 10 },
            fn: async () => {
              const credentials = await deps.auth.getOwnServiceCredentials();
              const { items } = await deps.catalog.getEntities(
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
                baseUrl,
                token,
                since: new Date(Date.now() - lookbackDays * 86_400_000),
                entities: items.map(entity => ({
                  entityRef: stringifyEntityRef(entity),
                  serviceId:
                    entity.metadata.annotations![PAGERDUTY_SERVICE_ANNOTATION],
                })),
              });
              logger.info('PagerDuty incidents synced', { ...result });
            },
          });
        }
        logger.info(`SLO backend started with datasource '${datasource.name}'`);
      },
    });
  },
});

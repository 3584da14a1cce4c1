import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sloPermissions } from '@gatekeeper/plugin-slo-common';
import {
  SloDatasource,
  sloDatasourcesExtensionPoint,
} from '@gatekeeper/plugin-slo-node';
import { CachingDatasource } from './cache/CachingDatasource';
import { readSloConfig, SloConfig } from './config';
import { createSloStores, SloStores } from './database/SloStores';
import { resolveDatasource } from './datasources/resolveDatasource';
import { seedDemoDeployments } from './delivery/seedDemoDeployments';
import { seedDemoIncidents } from './incidents/seedDemoIncidents';
import { createRouter } from './service/router';
import { scheduleSloTasks } from './service/scheduleSloTasks';
import { SloService } from './service/SloService';

function addDatasource(
  added: Map<string, SloDatasource>,
  datasource: SloDatasource,
) {
  if (added.has(datasource.name)) {
    throw new Error(
      `SLO datasource '${datasource.name}' is already registered`,
    );
  }
  added.set(datasource.name, datasource);
}

/**
 * With the scheduled refresh on: the datasource behind the bucket cache
 * (synthetic demo data is generated, not fetched: nothing to cache) and the
 * stored reports the refresh writes.
 */
function storedReportOptions(options: {
  config: SloConfig;
  datasource: SloDatasource;
  stores: SloStores;
  logger: LoggerService;
}) {
  const { refresh } = options.config;
  const { datasource, stores } = options;
  if (!refresh.enabled) return { datasource };
  return {
    datasource: datasource.demo
      ? datasource
      : new CachingDatasource({
          datasource,
          store: stores.buckets,
          logger: options.logger,
          settleSeconds: refresh.settleSeconds,
        }),
    reports: stores.reports,
    storedMaxAgeSeconds: refresh.maxAgeSeconds,
  };
}

/** The services the SLO backend depends on. */
const sloBackendDeps = {
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
};

/**
 * The SLO backend plugin: OpenSLO definitions per entity, error budgets,
 * burn-rate alerts, the error budget policy gate, and incidents.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const added = new Map<string, SloDatasource>();
    env.registerExtensionPoint(sloDatasourcesExtensionPoint, {
      addDatasource: datasource => addDatasource(added, datasource),
    });

    env.registerInit({
      deps: sloBackendDeps,
      async init(deps) {
        const { logger, scheduler } = deps;
        const config = readSloConfig(deps.config);
        const datasource = resolveDatasource({
          config: deps.config,
          name: config.datasource,
          added,
        });
        if (datasource.demo) {
          logger.warn(
            'SLO backend uses the DEMO datasource: error budgets are synthetic. Set slo.datasource: prometheus for real data.',
          );
        }

        deps.permissionsRegistry.addPermissions(sloPermissions);
        const stores = await createSloStores({ database: deps.database });
        if (datasource.demo && config.seedDemoIncidents) {
          await seedDemoIncidents(stores.incidents);
        }
        if (datasource.demo && config.seedDemoDeployments) {
          await seedDemoDeployments(stores.deployments);
        }
        const service = new SloService({
          catalog: deps.catalog,
          urlReader: deps.urlReader,
          ...storedReportOptions({ config, datasource, stores, logger }),
          incidents: stores.incidents,
          freezeOverrides: stores.freezeOverrides,
          logger,
          stepSeconds: config.stepSeconds,
          forecastWindowSeconds: config.forecastWindowSeconds,
          cacheTtlSeconds: config.cacheTtlSeconds,
          policy: config.policy,
        });
        deps.httpRouter.use(
          await createRouter({
            ...config.alertmanager,
            service,
            stores,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
            idempotency: { ttlMs: config.idempotencyTtlMs },
            writeRateLimits: config.writeRateLimits,
            delivery: config.delivery,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/alertmanager/webhook',
          allow: 'unauthenticated',
        });

        await scheduleSloTasks({
          config,
          stores,
          scheduler,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          service,
        });
        logger.info(`SLO backend started with datasource '${datasource.name}'`);
      },
    });
  },
});

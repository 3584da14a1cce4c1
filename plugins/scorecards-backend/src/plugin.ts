import {
  coreServices,
  createBackendPlugin,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { scorecardsPermissions } from '@gatekeeper/plugin-scorecards-common';
import {
  gatePolicyServiceRef,
  ScorecardFactProvider,
  scorecardsFactProvidersExtensionPoint,
} from '@gatekeeper/plugin-scorecards-node';
import { readScorecardsConfig } from './config';
import { DatabaseScorecardsStore } from './database/ScorecardsStore';
import { WaiversFile } from './evaluation/WaiversFile';
import { builtInFactProviders } from './providers/builtInFactProviders';
import { createReleaseGateRouter } from './service/releaseGateRouter';
import { createRouter } from './service/router';
import { DatabaseWaiverRequestStore } from './waivers/WaiverRequestStore';
import { scheduleIdempotencyCleanup } from './service/scheduleIdempotencyCleanup';
import { DatabaseCampaignStore } from './campaigns/CampaignStore';
import { scheduleCampaignSnapshots } from './campaigns/scheduleCampaignSnapshots';
import { ScorecardsService } from './service/ScorecardsService';

/** The refresh, the Idempotency-Key cleanup and the campaign snapshots. */
async function scheduleTasks(options: {
  service: ScorecardsService;
  store: DatabaseScorecardsStore;
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ReturnType<typeof readScorecardsConfig>;
}): Promise<void> {
  const { service, scheduler, logger } = options;
  await service.refresh.schedule({
    scheduler,
    schedule: options.config.schedule,
  });
  await scheduleIdempotencyCleanup({
    scheduler,
    idempotency: options.store.idempotency,
    logger,
  });
  if (service.campaigns) {
    await scheduleCampaignSnapshots({
      scheduler,
      campaigns: service.campaigns,
      logger,
    });
  }
}

/**
 * The scorecards backend plugin: gate evaluation, facts, history, roll-ups.
 * @public
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    const extraProviders: ScorecardFactProvider[] = [];
    env.registerExtensionPoint(scorecardsFactProvidersExtensionPoint, {
      addFactProvider(...providers) {
        extraProviders.push(...providers);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
        gatePolicy: gatePolicyServiceRef,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { logger, scheduler } = deps;
        const config = readScorecardsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);
        const store = await DatabaseScorecardsStore.create({
          database: deps.database,
        });
        const service = new ScorecardsService({
          ...deps,
          policy: deps.gatePolicy.getPolicy(),
          store,
          waiverRequestStore: await DatabaseWaiverRequestStore.create(deps),
          campaignStore: await DatabaseCampaignStore.create(deps),
          providers: [...builtInFactProviders(deps), ...extraProviders],
          waiversFile: new WaiversFile(config.waiversFile, logger),
          kinds: config.kinds,
          concurrency: config.concurrency,
          incremental: config.incremental,
          idempotency: { ttlMs: config.idempotencyTtlMs },
        });
        if (config.seedFactsFile) {
          await service.loadSeedFacts(config.seedFactsFile).catch(error => {
            assertError(error);
            logger.error(
              `Could not load seed facts from ${config.seedFactsFile}: ${error.message}`,
            );
          });
        }
        await scheduleTasks({ service, store, scheduler, logger, config });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            service,
            rateLimits: config.rateLimits,
          }),
        );
        deps.httpRouter.use(
          createReleaseGateRouter({
            ...deps,
            service,
            policy: deps.gatePolicy.getPolicy(),
          }),
        );
      },
    });
  },
});

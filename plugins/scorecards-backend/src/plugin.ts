import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scorecardsPermissions } from '@gatekeeper/plugin-scorecards-common';
import {
  gatePolicyServiceRef,
  ScorecardFactProvider,
  scorecardsFactProvidersExtensionPoint,
} from '@gatekeeper/plugin-scorecards-node';
import { readWriteRateLimits } from '@gatekeeper/gatekeeper-node';
import path from 'path';
import { DatabaseScorecardsStore } from './database/ScorecardsStore';
import { createAnnotationsProvider } from './providers/annotationsProvider';
import { createRepoFilesProvider } from './providers/repoFilesProvider';
import { createSloBackendProvider } from './providers/sloBackendProvider';
import { createWorkflowProvider } from './providers/workflowProvider';
import { createReleaseGateRouter } from './service/releaseGateRouter';
import { createRouter } from './service/router';
import { ScorecardsService } from './service/ScorecardsService';
import { WaiversFile } from './service/WaiversFile';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 10 },
};

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
        reader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        gatePolicy: gatePolicyServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);
        const store = await DatabaseScorecardsStore.create({
          database: deps.database,
        });
        const waiversPath = config.getOptionalString('scorecards.waiversFile');
        const idempotencyTtlMs =
          (config.getOptionalNumber('scorecards.idempotency.ttlHours') ?? 24) *
          3_600_000;
        const service = new ScorecardsService({
          policy: deps.gatePolicy.getPolicy(),
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          reader: deps.reader,
          logger,
          auditor: deps.auditor,
          providers: [
            createRepoFilesProvider(),
            createWorkflowProvider(),
            createAnnotationsProvider(),
            createSloBackendProvider({
              discovery: deps.discovery,
              auth: deps.auth,
              logger,
            }),
            ...extraProviders,
          ],
          waiversFile: new WaiversFile(
            waiversPath ? path.resolve(waiversPath) : undefined,
            logger,
          ),
          kinds: config.getOptionalStringArray('scorecards.kinds') ?? [
            'Component',
          ],
          concurrency: config.getOptionalNumber('scorecards.concurrency'),
          idempotency: { ttlMs: idempotencyTtlMs },
        });

        const seedFile = config.getOptionalString('scorecards.seedFactsFile');
        if (seedFile) {
          try {
            await service.loadSeedFacts(path.resolve(seedFile));
          } catch (error) {
            logger.error(
              `Could not load seed facts from ${seedFile}: ${
                (error as Error).message
              }`,
            );
          }
        }

        const schedule = config.has('scorecards.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('scorecards.schedule'),
            )
          : DEFAULT_SCHEDULE;
        await scheduler.scheduleTask({
          id: 'scorecards-refresh',
          ...schedule,
          fn: async () => {
            await service.refreshAll();
          },
        });

        await scheduler.scheduleTask({
          id: 'scorecards-idempotency-cleanup',
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
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
            rateLimits: readWriteRateLimits(config, 'scorecards'),
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

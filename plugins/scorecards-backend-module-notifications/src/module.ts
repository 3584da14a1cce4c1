import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readNotificationsConfig } from './config';
import { GatekeeperReader } from './GatekeeperReader';
import { KnexNotificationStateStore } from './NotificationStateStore';
import { NotificationRunner } from './NotificationRunner';

/**
 * Sends notifications to the owning group when a stored verdict turns
 * blocked, a gate starts failing, a waiver nears or passes its expiry, an
 * error-budget freeze starts or ends, a postmortem is required, or a waiver
 * is requested or decided.
 * Configure with `scorecards.notifications`.
 * @public
 */
export const scorecardsModuleNotifications = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'notifications',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readNotificationsConfig(deps.config);
        if (!config.enabled) {
          deps.logger.info('Gatekeeper notifications are switched off');
          return;
        }
        const runner = new NotificationRunner({
          reader: new GatekeeperReader(deps),
          store: await KnexNotificationStateStore.create(deps),
          notifications: deps.notifications,
          logger: deps.logger,
          config,
        });
        await deps.scheduler.scheduleTask({
          id: 'gatekeeper-notifications',
          frequency: { milliseconds: config.frequencyMs },
          timeout: { minutes: 10 },
          initialDelay: { milliseconds: Math.min(config.frequencyMs, 30_000) },
          fn: async () => {
            const s = await runner.run();
            deps.logger.info(
              `Gatekeeper notifications: ${s.observed} entities compared, ${s.sent} sent, ${s.failed} skipped`,
            );
          },
        });
      },
    });
  },
});

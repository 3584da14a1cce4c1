import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { scorecardsFactProvidersExtensionPoint } from '@gatekeeper/plugin-scorecards-node';
import { createSonarqubeFactProvider } from './createSonarqubeFactProvider';

/**
 * Adds the SonarQube fact provider to the scorecards backend
 * (`scorecards.sonarqube.baseUrl` / `token`).
 * @public
 */
export const scorecardsModuleSonarqube = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'sonarqube',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: scorecardsFactProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const own = config.getOptionalConfig('scorecards.sonarqube');
        if (own?.getOptionalBoolean('enabled') === false) {
          logger.info(
            'SonarQube fact provider disabled (scorecards.sonarqube.enabled: false)',
          );
          return;
        }
        const baseUrl = own?.getOptionalString('baseUrl');
        if (!baseUrl) {
          logger.info(
            'SonarQube fact provider without scorecards.sonarqube.baseUrl: entities with sonarqube.org/project-key get unknown SonarQube facts',
          );
        }
        const waitSeconds =
          own?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60;
        providers.addFactProvider(
          createSonarqubeFactProvider({
            baseUrl,
            token: own?.getOptionalString('token'),
            logger,
            http: new PoliteHttpClient({ maxWaitMs: waitSeconds * 1000 }),
          }),
        );
      },
    });
  },
});

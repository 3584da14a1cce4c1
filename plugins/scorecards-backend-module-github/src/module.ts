import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { scorecardsFactProvidersExtensionPoint } from '@gatekeeper/plugin-scorecards-node';
import { createGithubFactProvider } from './createGithubFactProvider';

/**
 * Adds the GitHub fact provider to the scorecards backend. Configure
 * credentials in `integrations.github`; tune with `scorecards.github`.
 * @public
 */
export const scorecardsModuleGithub = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: scorecardsFactProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const own = config.getOptionalConfig('scorecards.github');
        if (own?.getOptionalBoolean('enabled') === false) {
          logger.info(
            'GitHub fact provider disabled (scorecards.github.enabled: false)',
          );
          return;
        }
        const integrations = ScmIntegrations.fromConfig(config);
        const gateJobsConfig = own?.getOptionalConfig('gateJobs');
        const gateJobs = gateJobsConfig
          ? Object.fromEntries(
              gateJobsConfig
                .keys()
                .map(key => [key, gateJobsConfig.getString(key)]),
            )
          : undefined;
        const waitSeconds =
          own?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60;
        providers.addFactProvider(
          createGithubFactProvider({
            integrations,
            credentials:
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            logger,
            gateJobs,
            http: new PoliteHttpClient({ maxWaitMs: waitSeconds * 1000 }),
            maxWorkflowRuns: own?.getOptionalNumber('maxWorkflowRuns'),
            maxAlertPages: own?.getOptionalNumber('maxAlertPages'),
            graphql: own?.getOptionalBoolean('graphql'),
            graphqlBatchSize: own?.getOptionalNumber('graphqlBatchSize'),
          }),
        );
        logger.info(
          `GitHub fact provider active for ${integrations.github
            .list()
            .map(i => i.config.host)
            .join(', ')}`,
        );
      },
    });
  },
});

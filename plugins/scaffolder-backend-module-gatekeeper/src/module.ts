import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { gatePolicyServiceRef } from '@gatekeeper/plugin-scorecards-node';
import { createPublishLocalGitAction } from './actions/publishLocalGitAction';
import { createRegisterAction } from './actions/registerAction';
import { readLocalGitConfig } from './lib/localGit';
import { createRequiredChecksAction } from './actions/requiredChecksAction';
import { createStampAction } from './actions/stampAction';
import { createVerifyBaselineAction } from './actions/verifyBaselineAction';

/**
 * Registers the Gatekeeper scaffolder actions: gatekeeper:baseline:verify,
 * gatekeeper:template:stamp, gatekeeper:ci:required-checks, the scoped
 * gatekeeper:catalog:register and gatekeeper:publish:local-git.
 * @public
 */
export const scaffolderModuleGatekeeper = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gatekeeper',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        policy: gatePolicyServiceRef,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, policy, logger, config, auth, catalog }) {
        scaffolder.addActions(
          createVerifyBaselineAction({ policy }),
          createStampAction(),
          createRequiredChecksAction(),
          createRegisterAction({
            catalog,
            auth,
            integrations: ScmIntegrations.fromConfig(config),
            localGit: readLocalGitConfig(config),
          }),
          createPublishLocalGitAction({ config }),
        );
        logger.info(
          `Gatekeeper scaffolder actions registered (policy with ${
            policy.getPolicy().gates.length
          } gates)`,
        );
      },
    });
  },
});

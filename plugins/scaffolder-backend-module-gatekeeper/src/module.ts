import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { gatePolicyServiceRef } from '@gatekeeper/plugin-scorecards-node';
import { createRequiredChecksAction } from './actions/requiredChecksAction';
import { createStampAction } from './actions/stampAction';
import { createVerifyBaselineAction } from './actions/verifyBaselineAction';

/**
 * Registers the Gatekeeper scaffolder actions: gatekeeper:baseline:verify,
 * gatekeeper:template:stamp and gatekeeper:ci:required-checks.
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
      },
      async init({ scaffolder, policy, logger }) {
        scaffolder.addActions(
          createVerifyBaselineAction({ policy }),
          createStampAction(),
          createRequiredChecksAction(),
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

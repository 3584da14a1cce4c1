import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { GatekeeperPermissionPolicy } from './permissionPolicy';

/** Installs {@link GatekeeperPermissionPolicy} into the permission backend. */
export const gatekeeperPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gatekeeper-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new GatekeeperPermissionPolicy({
            platformGroups: config.getOptionalStringArray(
              'gatekeeper.permissions.platformGroups',
            ) ?? ['group:default/platform-team'],
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createCatalogGroupAncestry } from './groupAncestry';
import { GatekeeperPermissionPolicy } from './permissionPolicy';

/** Installs {@link GatekeeperPermissionPolicy} into the permission backend. */
export const gatekeeperPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gatekeeper-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, config, catalog, auth }) {
        policy.setPolicy(
          new GatekeeperPermissionPolicy({
            platformGroups: config.getOptionalStringArray(
              'gatekeeper.permissions.platformGroups',
            ) ?? ['group:default/platform-team'],
            groupAncestry: createCatalogGroupAncestry({ catalog, auth }),
          }),
        );
      },
    });
  },
});

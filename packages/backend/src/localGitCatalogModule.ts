import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { readLocalGitConfig } from '@gatekeeper/plugin-scaffolder-backend-module-gatekeeper';

/**
 * The offline demo's local git publishing (gatekeeper:publish:local-git)
 * registers the checkout of the published repository as a `file` location.
 * The catalog accepts only `url` locations from its API by default, so when
 * `gatekeeper.scaffolder.localGit` is on (a root, not `enabled: false`) this
 * module allows `file` as well; otherwise (production) the default stays.
 */
export const localGitCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gatekeeper-local-git',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        locations: catalogLocationsExtensionPoint,
      },
      async init({ config, locations }) {
        if (readLocalGitConfig(config)) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * The offline demo's local git publishing (gatekeeper:publish:local-git)
 * registers the checkout of the published repository as a `file` location.
 * The catalog accepts only `url` locations from its API by default, so when
 * `gatekeeper.scaffolder.localGit.root` is set this module allows `file` as
 * well; without it (production) the catalog's default stays.
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
        if (config.getOptionalString('gatekeeper.scaffolder.localGit.root')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});

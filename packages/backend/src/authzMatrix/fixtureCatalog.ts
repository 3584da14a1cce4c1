import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const user = (name: string, memberOf: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [memberOf] },
});

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** Users of the matrix and the one group each belongs to directly. */
export const FIXTURE_USERS = {
  platform: { ref: 'user:default/pat', group: 'group:default/platform-team' },
  owner: { ref: 'user:default/ann', group: 'group:default/team-a' },
  child: { ref: 'user:default/kid', group: 'group:default/team-a-child' },
  other: { ref: 'user:default/bob', group: 'group:default/team-b' },
} as const;

/** Components a (owned by team-a) and b (team-b), the groups (team-a-child is a child of team-a) and users. */
export const FIXTURE_ENTITIES: Entity[] = [
  group('platform-team'),
  group('team-a'),
  group('team-a-child', 'team-a'),
  group('team-b'),
  ...Object.values(FIXTURE_USERS).map(u =>
    user(u.ref.split('/')[1], u.group.split('/')[1]),
  ),
  component('a', 'team-a'),
  component('b', 'team-b'),
];

class FixtureProvider implements EntityProvider {
  getProviderName() {
    return 'authz-matrix-fixture';
  }
  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: FIXTURE_ENTITIES.map(entity => ({
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              'backstage.io/managed-by-location': 'url:http://fixture/',
              'backstage.io/managed-by-origin-location': 'url:http://fixture/',
            },
          },
        },
        locationKey: 'authz-matrix-fixture',
      })),
    });
  }
}

/** Feeds {@link FIXTURE_ENTITIES} into the real catalog backend. */
export const fixtureCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'authz-matrix-fixture',
  register(reg) {
    reg.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addEntityProvider(new FixtureProvider());
      },
    });
  },
});

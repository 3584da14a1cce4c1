import {
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import request from 'supertest';
import { testComponent, testPolicy } from '../__testUtils__/testBackend';
import { scorecardsPlugin } from '../plugin';

jest.setTimeout(120_000);

const secret: Entity = {
  ...testComponent('secret-svc', 'team-b'),
  metadata: {
    name: 'secret-svc',
    namespace: 'default',
    labels: { visibility: 'restricted' },
  },
};
const entities = [testComponent('open-svc'), secret];

/** A real catalog, fed by an entity provider. */
const entitiesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-entities',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: entities.map(entity => ({
                entity: {
                  ...entity,
                  metadata: {
                    ...entity.metadata,
                    annotations: {
                      'backstage.io/managed-by-location': 'url:http://test',
                      'backstage.io/managed-by-origin-location':
                        'url:http://test',
                    },
                  },
                },
                locationKey: 'test',
              })),
            });
          },
        });
      },
    });
  },
});

/**
 * The permission policy: users never see entities labelled `visibility`
 * (a conditional decision the real catalog applies); services see all. A
 * permissions service stands in for the permission backend, since the mocked
 * auth of startTestBackend forwards user tokens as they are.
 */
const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    async authorize(requests, options) {
      return requests.map(r => ({
        result:
          isUser(options.credentials) &&
          isPermission(r.permission, catalogEntityReadPermission) &&
          'resourceRef' in r &&
          r.resourceRef === 'component:default/secret-svc'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests, options) {
      return requests.map(r =>
        isUser(options.credentials) &&
        isPermission(r.permission, catalogEntityReadPermission)
          ? createCatalogConditionalDecision(r.permission, {
              not: catalogConditions.hasLabel({ label: 'visibility' }),
            })
          : ({ result: AuthorizeResult.ALLOW } as const),
      );
    },
  }),
});

describe('scorecard reads respect catalog visibility', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const user = `Bearer ${mockCredentials.user.token('user:default/eve')}`;
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/scorecards${path}`)
      .set('Authorization', user);

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogBackend,
        entitiesModule,
        permissionsFactory,
        scorecardsPlugin,
        gatePolicyServiceFactory(testPolicy),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: { processingInterval: { seconds: 1 } },
            scorecards: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 5 },
                initialDelay: { hours: 1 },
              },
            },
          },
        }),
      ],
    });
    // Wait until the catalog has stitched both entities.
    for (let i = 0; i < 100; i++) {
      const res = await request(backend.server)
        .get('/api/catalog/entities/by-name/component/default/secret-svc')
        .set('Authorization', `Bearer ${mockCredentials.service.token()}`);
      if (res.status === 200) break;
      await new Promise(r => setTimeout(r, 200));
    }
    // The service principal (CI) pushes facts for both; it sees everything.
    const ci = `Bearer ${mockCredentials.service.token()}`;
    for (const name of ['open-svc', 'secret-svc']) {
      const pushed = await request(backend.server)
        .post('/api/scorecards/facts')
        .set('Authorization', ci)
        .send({
          entityRef: `component:default/${name}`,
          facts: { 'ci.coverage.lines': 95, 'repo.codeowners.present': true },
        });
      if (pushed.status !== 200) {
        throw new Error(`push for ${name}: ${pushed.status}`);
      }
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('answers 404 for every read of the hidden entity', async () => {
    for (const path of ['', '/history', '/facts']) {
      const hidden = await get(`/entities/default/component/secret-svc${path}`);
      expect([path, hidden.status]).toEqual([path, 404]);
      const open = await get(`/entities/default/component/open-svc${path}`);
      expect([path, open.status]).toEqual([path, 200]);
    }
    const evaluate = await request(backend.server)
      .post('/api/scorecards/entities/default/component/secret-svc/evaluate')
      .set('Authorization', user);
    expect(evaluate.status).toBe(404);
  });

  it('leaves the hidden entity out of the overview, roll-ups and dry-run', async () => {
    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/open-svc',
    ]);
    expect(overview.body.totalItems).toBe(1);
    const rollups = await get('/rollups?by=group');
    expect(rollups.status).toBe(200);
    expect(JSON.stringify(rollups.body)).not.toContain('secret-svc');
    expect(JSON.stringify(rollups.body)).not.toContain('team-b');
    const dryRun = await request(backend.server)
      .post('/api/scorecards/dry-run')
      .set('Authorization', user)
      .send({ policy: { ...testPolicy, gates: testPolicy.gates.slice(0, 1) } });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.entityCount).toBe(1);

    // The service principal still sees both.
    const all = await request(backend.server)
      .get('/api/scorecards/overview')
      .set('Authorization', `Bearer ${mockCredentials.service.token()}`);
    expect(all.body.totalItems).toBe(2);
  });
});

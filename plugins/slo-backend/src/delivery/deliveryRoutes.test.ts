import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { sloPlugin } from '../plugin';

jest.setTimeout(60_000);

const component = (name: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: {
    type: 'service',
    owner: name === 'c' ? 'group:default/other' : 'team-a',
    lifecycle: 'production',
    ...(system ? { system } : {}),
  },
});
const entities: Entity[] = [
  component('a', 'shop'),
  component('b', 'shop'),
  component('c'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop' },
    spec: { owner: 'team-a', domain: 'commerce' },
  },
];

const user = () => `Bearer ${mockCredentials.user.token()}`;
const ago = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();
const deployment = (id: string, entity = 'a', over: object = {}) => ({
  id,
  entityRef: `component:default/${entity}`,
  environment: 'production',
  commit: 'abcdef1234567',
  commitAt: ago(300),
  startedAt: ago(130),
  finishedAt: ago(120),
  status: 'succeeded',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  version: '1.0.0',
  ...over,
});
const rollback = (id: string) => ({
  id,
  entityRef: 'component:default/a',
  environment: 'production',
  fromVersion: '1.0.0',
  toVersion: '0.9.0',
  startedAt: ago(50),
  finishedAt: ago(44),
});

async function start(options: { denyEntity?: string } = {}) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(r => ({
      result:
        'resourceRef' in r && r.resourceRef === options.denyEntity
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  );
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          slo: {
            demo: { seedIncidents: false, seedDeployments: false },
            delivery: { mttrTargetMinutes: 30 },
          },
        },
      }),
    ],
  });
  return { server: backend.server, backend };
}

const push = (server: any, body: unknown, key?: string) => {
  const req = request(server)
    .post('/api/slo/deployments')
    .set('Authorization', user());
  return (key ? req.set('Idempotency-Key', key) : req).send(body as object);
};

/** Push bodies the deployments route must refuse with 400. */
function hostileBodies(): unknown[] {
  return [
    {},
    [],
    { deployments: [] },
    { deployments: 'x' },
    { deployments: [deployment('x')], extra: 1 },
    { deployments: [{ ...deployment('x'), admin: true }] },
    { deployments: [deployment("'; DROP TABLE slo_deployments; --")] },
    { deployments: [deployment('x', 'a', { entityRef: 'component:' })] },
    { deployments: [deployment('x', 'a', { entityRef: 'a/b/c/d' })] },
    { deployments: [deployment('x', 'a', { commit: 'not-a-sha' })] },
    { deployments: [deployment('x', 'a', { status: 'maybe' })] },
    {
      deployments: [
        deployment('x', 'a', { finishedAt: '2026-02-31T00:00:00Z' }),
      ],
    },
    {
      deployments: [
        deployment('x', 'a', { finishedAt: '2999-01-01T00:00:00Z' }),
      ],
    },
    { deployments: [deployment('x', 'a', { finishedAt: ago(200) })] },
    { deployments: [deployment('x', 'a', { commitAt: ago(-1) })] },
    {
      deployments: [
        deployment('x', 'a', {
          runUrl: ['javascript', 'alert(1)'].join(':'),
        }),
      ],
    },
    { deployments: [deployment('x', 'a', { environment: '../prod' })] },
    { deployments: [deployment('x', 'a', { version: 'v'.repeat(200) })] },
    {
      deployments: Array.from({ length: 201 }, (_, i) => deployment(`m${i}`)),
    },
    { rollbacks: [{ ...rollback('r'), finishedAt: ago(200) }] },
    {
      deployments: Array.from({ length: 21 }, (_, i) =>
        deployment(`e${i}`, `e${i}`),
      ),
    },
  ];
}

describe('delivery routes', () => {
  it('stores pushed events once and computes the entity metrics', async () => {
    const { server, backend } = await start();
    const body = {
      deployments: [
        deployment('run-1-1'),
        deployment('run-2-1', 'a', {
          finishedAt: ago(60),
          startedAt: ago(70),
          commitAt: ago(120),
          status: 'rolled_back',
        }),
      ],
      rollbacks: [rollback('run-2-1-rollback')],
    };
    // the same batch twice at once with one key: one effect
    const [first, second] = await Promise.all([
      push(server, body, 'run-2-attempt-1'),
      push(server, body, 'run-2-attempt-1'),
    ]);
    expect([first.status, second.status].sort()).toEqual(
      first.status === 409 || second.status === 409 ? [200, 409] : [200, 200],
    );
    expect([first.body.stored, second.body.stored]).toContain(3);
    // replay without a key: the events are duplicates
    const replay = await push(server, body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ stored: 0, duplicates: 3 });

    const res = await request(server)
      .get('/api/slo/metrics/entity/component/default/a?window=30d')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.demo).toBe(false);
    expect(res.body.metrics.deploymentFrequency.samples).toBe(2);
    // 2 deployments in 30 days = 0.47 per week
    expect(res.body.metrics.deploymentFrequency.value).toBe(0.47);
    expect(res.body.metrics.leadTimeMedian).toMatchObject({
      value: 180,
      samples: 1,
    });
    expect(res.body.metrics.changeFailureRate.value).toBe(50);
    expect(res.body.metrics.rollbackTime).toMatchObject({
      value: 6,
      target: 10,
      met: true,
    });
    expect(res.body.metrics.mttr).toMatchObject({ samples: 0, target: 30 });
    expect(res.body.trend.length).toBeGreaterThanOrEqual(5);
    await backend.stop();
  });

  it('rolls up per owner, system and domain and links incidents to the preceding deployment', async () => {
    const { server, backend } = await start();
    await push(server, {
      deployments: [
        deployment('a1'),
        deployment('b1', 'b'),
        deployment('c1', 'c'),
      ],
    }).expect(200);
    const rollup = async (by: string) =>
      (
        await request(server)
          .get(`/api/slo/metrics/rollup?by=${by}&window=7d`)
          .set('Authorization', user())
          .expect(200)
      ).body.items.map((i: any) => [
        i.key,
        i.entities,
        i.metrics.deploymentFrequency.samples,
      ]);
    expect(await rollup('owner')).toEqual([
      ['group:default/other', ['component:default/c'], 1],
      [
        'group:default/team-a',
        ['component:default/a', 'component:default/b'],
        2,
      ],
    ]);
    expect(await rollup('system')).toEqual([
      [
        'system:default/shop',
        ['component:default/a', 'component:default/b'],
        2,
      ],
    ]);
    expect(await rollup('domain')).toEqual([
      [
        'domain:default/commerce',
        ['component:default/a', 'component:default/b'],
        2,
      ],
    ]);

    await request(server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .send({
        entityRef: 'component:default/a',
        title: 'errors after release',
        severity: 'P2',
        startedAt: ago(110),
      })
      .expect(201);
    const incidents = await request(server)
      .get('/api/slo/entities/default/component/a/incidents')
      .set('Authorization', user())
      .expect(200);
    expect(incidents.body.items[0].precedingDeployment).toMatchObject({
      id: 'a1',
      version: '1.0.0',
      environment: 'production',
    });
    await backend.stop();
  });

  it('401 without credentials, 403 without the push permission on an entity, 404 for unknown entities', async () => {
    const { server, backend } = await start({
      denyEntity: 'component:default/c',
    });
    await request(server)
      .post('/api/slo/deployments')
      .set('Authorization', mockCredentials.user.invalidHeader())
      .send({ deployments: [deployment('x')] })
      .expect(401);
    await request(server)
      .get('/api/slo/metrics/rollup?by=owner')
      .set('Authorization', mockCredentials.user.invalidHeader())
      .expect(401);
    // one denied entity refuses the whole batch
    const denied = await push(server, {
      deployments: [deployment('ok'), deployment('no', 'c')],
    });
    expect(denied.status).toBe(403);
    const metrics = await request(server)
      .get('/api/slo/metrics/entity/component/default/a')
      .set('Authorization', user());
    expect(metrics.body.metrics.deploymentFrequency.samples).toBe(0);
    for (const name of ['missing', '__proto__']) {
      const unknown = await push(server, {
        deployments: [deployment('x', name)],
      });
      expect(unknown.status).toBe(404);
    }
    await request(server)
      .get('/api/slo/metrics/entity/component/default/missing')
      .set('Authorization', user())
      .expect(404);
    await backend.stop();
  });

  it('answers hostile and malformed input with 400', async () => {
    const { server, backend } = await start();
    for (const body of hostileBodies()) {
      const res = await push(server, body);
      expect([res.status, JSON.stringify(body).slice(0, 80)]).toEqual([
        400,
        JSON.stringify(body).slice(0, 80),
      ]);
    }
    const raw = await request(server)
      .post('/api/slo/deployments')
      .set('Authorization', user())
      .set('Content-Type', 'application/json')
      .send('{"deployments":');
    expect(raw.status).toBe(400);
    for (const query of [
      'window=abc',
      'window=0d',
      'window=999d',
      'window=30d&window=7d',
      'window=1e3d',
    ]) {
      await request(server)
        .get(`/api/slo/metrics/entity/component/default/a?${query}`)
        .set('Authorization', user())
        .expect(400);
    }
    for (const query of [
      'by=team',
      'by=__proto__',
      '',
      'by=owner&window=-1d',
    ]) {
      await request(server)
        .get(`/api/slo/metrics/rollup?${query}`)
        .set('Authorization', user())
        .expect(400);
    }
    await backend.stop();
  });
});

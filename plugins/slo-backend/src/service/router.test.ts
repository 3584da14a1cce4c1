import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { sloPlugin } from '../plugin';

jest.setTimeout(30_000);

const openslo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: search-service
  indicator:
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: Prometheus, spec: {query: good_total}}}
        total: {metricSource: {type: Prometheus, spec: {query: requests_total}}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.999}]
`;

const entity = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const entities = [
  entity('search-service', { 'gatekeeper.dev/openslo': openslo }),
  entity('payments-service', {
    'gatekeeper.dev/openslo': openslo.replace(
      /search-service/g,
      'payments-service',
    ),
  }),
  entity('no-slos'),
  entity('broken', {
    'gatekeeper.dev/openslo':
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\n',
  }),
];

const TOKEN = 'webhook-secret';
const user = () => `Bearer ${mockCredentials.user.token()}`;

async function start(
  options: {
    deny?: boolean;
    burst?: number;
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const auditor = mockServices.auditor.mock();
  const events: any[] = [];
  auditor.createEvent.mockImplementation(async opts => {
    const event = { opts, success: jest.fn(), fail: jest.fn() };
    events.push(event);
    return event;
  });
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          slo: {
            demo: { seedIncidents: false },
            alertmanager: {
              webhookToken: TOKEN,
              rateLimit: { burst: options.burst ?? 100, perSecond: 0.001 },
            },
          },
        },
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      ...(options.permissions ? [options.permissions.factory] : []),
    ],
  });
  return { server: backend.server, events, backend };
}

const alertPayload = (
  status: 'firing' | 'resolved',
  labels: Record<string, string>,
  endsAt = '0001-01-01T00:00:00Z',
) => ({
  version: '4',
  groupKey: '{}:{alertname="X"}',
  status,
  receiver: 'backstage',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://am',
  truncatedAlerts: 0,
  alerts: [
    {
      status,
      labels: { alertname: 'HighErrorRate', ...labels },
      annotations: { summary: 'errors!' },
      startsAt: '2026-11-24T10:00:00Z',
      endsAt,
      generatorURL: 'http://prom',
      fingerprint: 'f00d',
    },
  ],
});

describe('slo router', () => {
  let ctx: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

  it('returns SLO reports labelled with the demo datasource', async () => {
    const res = await request(ctx.server)
      .get('/api/slo/entities/default/component/search-service/slos')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.datasource).toEqual({ name: 'demo', demo: true });
    expect(res.body.entityRef).toBe('component:default/search-service');
    expect(res.body.slos).toHaveLength(1);
    expect(res.body.slos[0].errorBudget.remaining).toBeLessThan(0);
    expect(res.body.freeze.frozen).toBe(true);
    expect(res.body.slos[0].series.length).toBeGreaterThan(10);
  });

  it('returns definition errors in the report, not as a 500', async () => {
    const res = await request(ctx.server)
      .get('/api/slo/entities/default/component/broken/slos')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.slos).toEqual([]);
    expect(res.body.errors[0]).toMatchObject({ slo: 'x' });
  });

  it('401 without credentials, 404 for unknown entities, 400 for bad input', async () => {
    expect(
      (
        await request(ctx.server)
          .get('/api/slo/entities/default/component/search-service/slos')
          .set('Authorization', mockCredentials.user.invalidHeader())
      ).status,
    ).toBe(401);
    expect(
      (
        await request(ctx.server)
          .get('/api/slo/entities/default/component/nope/slos')
          .set('Authorization', user())
      ).status,
    ).toBe(404);
    expect(
      (
        await request(ctx.server)
          .get(
            '/api/slo/entities/default/component/search-service/slos?at=yesterday',
          )
          .set('Authorization', user())
      ).status,
    ).toBe(400);
    expect(
      (
        await request(ctx.server)
          .get('/api/slo/gate/search-service')
          .set('Authorization', user())
      ).status,
    ).toBe(400);
    expect(
      (
        await request(ctx.server)
          .get(
            `/api/slo/gate/${encodeURIComponent(
              'component:default/search-service',
            )}?change=yolo`,
          )
          .set('Authorization', user())
      ).status,
    ).toBe(400);
    const bad = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .send({
        entityRef: 'component:default/search-service',
        title: '',
        severity: 'P9',
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/severity/);
    const malformed = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .set('Content-Type', 'application/json')
      .send('{"oops"');
    expect(malformed.status).toBe(400);
  });

  it('gate: deny on exhausted budget, allow exceptions, allow without SLOs', async () => {
    const gate = (ref: string, change?: string) =>
      request(ctx.server)
        .get(
          `/api/slo/gate/${encodeURIComponent(ref)}${
            change ? `?change=${change}` : ''
          }`,
        )
        .set('Authorization', user());
    const deny = await gate('component:default/search-service');
    expect(deny.body).toMatchObject({
      decision: 'deny',
      slos: 1,
      change: 'normal',
    });
    expect(deny.body.reasons[0]).toMatch(/freeze in effect/);
    const p0 = await gate('component:default/search-service', 'p0');
    expect(p0.body.decision).toBe('allow');
    expect(p0.body.reasons[0]).toMatch(/allowed as a p0 change/);
    expect(
      (await gate('component:default/payments-service')).body.decision,
    ).toBe('allow');
    const none = await gate('component:default/no-slos');
    expect(none.body).toMatchObject({ decision: 'allow', slos: 0 });
    expect((await gate('component:default/missing')).status).toBe(404);
  });

  it('manual incidents: create with Idempotency-Key, acknowledge, resolve, postmortem, stats', async () => {
    const body = {
      entityRef: 'component:default/payments-service',
      title: 'checkout errors',
      severity: 'P2',
    };
    const first = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .set('Idempotency-Key', 'key-1')
      .send(body);
    expect(first.status).toBe(201);
    const replay = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .set('Idempotency-Key', 'key-1')
      .send(body);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const reused = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .set('Idempotency-Key', 'key-1')
      .send({ ...body, title: 'different' });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({
      name: 'ConflictError',
      message: 'Idempotency-Key was already used for a different request',
    });
    expect(
      (
        await request(ctx.server)
          .post('/api/slo/incidents')
          .set('Authorization', user())
          .set('Idempotency-Key', 'bad key with spaces')
          .send(body)
      ).status,
    ).toBe(400);

    const id = first.body.id;
    const started = Date.parse(first.body.startedAt);
    const ack = await request(ctx.server)
      .post(`/api/slo/incidents/${id}/acknowledge`)
      .set('Authorization', user())
      .send({ at: new Date(started + 120_000).toISOString() });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    const again = await request(ctx.server)
      .post(`/api/slo/incidents/${id}/acknowledge`)
      .set('Authorization', user())
      .send({});
    expect(again.status).toBe(409);
    const resolve = await request(ctx.server)
      .post(`/api/slo/incidents/${id}/resolve`)
      .set('Authorization', user())
      .set('Idempotency-Key', 'resolve-1')
      .send({ at: new Date(started + 240_000).toISOString() });
    expect(resolve.status).toBe(200);
    const resolveReplay = await request(ctx.server)
      .post(`/api/slo/incidents/${id}/resolve`)
      .set('Authorization', user())
      .set('Idempotency-Key', 'resolve-1')
      .send({ at: new Date(started + 240_000).toISOString() });
    expect(resolveReplay.status).toBe(200);
    expect(
      (
        await request(ctx.server)
          .post(`/api/slo/incidents/${id}/resolve`)
          .set('Authorization', user())
          .send({})
      ).status,
    ).toBe(409);
    const pm = await request(ctx.server)
      .post(`/api/slo/incidents/${id}/postmortem`)
      .set('Authorization', user())
      .send({ url: 'https://wiki.example.com/pm/1' });
    expect(pm.body.postmortemUrl).toBe('https://wiki.example.com/pm/1');
    expect(
      (
        await request(ctx.server)
          .post(`/api/slo/incidents/${id}/postmortem`)
          .set('Authorization', user())
          .send({ url: 'ftp://example.com/pm' })
      ).status,
    ).toBe(400);
    expect(
      (
        await request(ctx.server)
          .post('/api/slo/incidents/unknown/acknowledge')
          .set('Authorization', user())
          .send({})
      ).status,
    ).toBe(404);
    expect(
      (
        await request(ctx.server)
          .post('/api/slo/incidents')
          .set('Authorization', user())
          .send({ ...body, entityRef: 'component:default/ghost' })
      ).status,
    ).toBe(404);

    const list = await request(ctx.server)
      .get('/api/slo/entities/default/component/payments-service/incidents')
      .set('Authorization', user());
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.stats).toMatchObject({
      count: 1,
      open: 0,
      mttaSeconds: 120,
      mttrSeconds: 240,
    });
    expect(list.body.items[0].budgetConsumedPercent).toBeGreaterThanOrEqual(0);

    // An incident long before the 28d window consumed none of its budget.
    const old = await request(ctx.server)
      .post('/api/slo/incidents')
      .set('Authorization', user())
      .send({ ...body, startedAt: '2020-01-01T00:00:00Z' });
    await request(ctx.server)
      .post(`/api/slo/incidents/${old.body.id}/resolve`)
      .set('Authorization', user())
      .send({ at: '2020-01-01T01:00:00Z' })
      .expect(200);
    const withOld = await request(ctx.server)
      .get('/api/slo/entities/default/component/payments-service/incidents')
      .set('Authorization', user());
    const oldItem = withOld.body.items.find((i: any) => i.id === old.body.id);
    expect(oldItem.budgetConsumedPercent).toBeUndefined();
    expect(withOld.body.stats.count).toBe(2);
    expect(ctx.events.map(e => e.opts.eventId)).toEqual(
      expect.arrayContaining([
        'incident-create',
        'incident-acknowledge',
        'incident-resolve',
        'incident-postmortem',
      ]),
    );
    const failed = ctx.events.find(
      e =>
        e.opts.eventId === 'incident-acknowledge' && e.fail.mock.calls.length,
    );
    expect(failed).toBeDefined();
  });

  it('freeze override: validated, audited, lifts the freeze', async () => {
    const ref = encodeURIComponent('component:default/search-service');
    const past = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
    expect(past.status).toBe(400);
    const far = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      });
    expect(far.status).toBe(400);
    const ok = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    expect(ok.status).toBe(201);
    expect(ok.body.by).toBe('user:default/mock');
    const audit = ctx.events.find(e => e.opts.eventId === 'freeze-override');
    expect(audit.opts).toMatchObject({
      severityLevel: 'high',
      meta: { entityRef: 'component:default/search-service' },
    });
    expect(audit.success).toHaveBeenCalled();
    const gate = await request(ctx.server)
      .get(`/api/slo/gate/${ref}`)
      .set('Authorization', user());
    expect(gate.body.decision).toBe('allow');
    expect(gate.body.freeze.override).toMatchObject({
      reason: 'hotfix rollout',
    });
    expect(gate.body.reasons.join()).toMatch(
      /overridden by user:default\/mock/,
    );
  });

  it('serves Prometheus rules and 404s unknown SLOs', async () => {
    const res = await request(ctx.server)
      .get(
        '/api/slo/entities/default/component/search-service/slos/availability/rules',
      )
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/yaml/);
    // 28d window: the short window scales to 280s, kept at the 5m resolution
    expect(res.text).toContain('record: slo:sli_error:ratio_rate5m');
    expect(res.text).not.toContain('*a1');
    expect(
      (
        await request(ctx.server)
          .get(
            '/api/slo/entities/default/component/search-service/slos/nope/rules',
          )
          .set('Authorization', user())
      ).status,
    ).toBe(404);
  });

  it('Alertmanager webhook: token required, validated, idempotent, resolves', async () => {
    const hook = (payload: unknown, token: string | null = TOKEN) => {
      const r = request(ctx.server).post('/api/slo/alertmanager/webhook');
      if (token) r.set('Authorization', `Bearer ${token}`);
      return r.send(payload as object);
    };
    const firing = alertPayload('firing', {
      service: 'search-service',
      severity: 'critical',
    });
    expect((await hook(firing, null)).status).toBe(401);
    expect((await hook(firing, 'wrong')).status).toBe(401);
    expect((await hook({ ...firing, version: '3' })).status).toBe(400);
    const created = await hook(firing);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: 1, resolved: 0, ignored: 0 });
    expect((await hook(firing)).body).toMatchObject({
      created: 0,
      unchanged: 1,
    });
    const resolved = await hook(
      alertPayload(
        'resolved',
        { service: 'search-service', severity: 'critical' },
        '2026-11-24T10:30:00Z',
      ),
    );
    expect(resolved.body).toMatchObject({ created: 0, resolved: 1 });
    expect(
      (await hook(alertPayload('firing', { team: 'x' }))).body,
    ).toMatchObject({ ignored: 1 });
    const list = await request(ctx.server)
      .get('/api/slo/entities/default/component/search-service/incidents')
      .set('Authorization', user());
    const incident = list.body.items.find(
      (i: any) => i.source === 'alertmanager',
    );
    expect(incident).toMatchObject({
      status: 'resolved',
      severity: 'P1',
      title: 'errors!',
      startedAt: '2026-11-24T10:00:00.000Z',
      resolvedAt: '2026-11-24T10:30:00.000Z',
    });
  });
});

describe('slo router limits and permissions', () => {
  it('403 when the permission policy denies', async () => {
    const { server, backend } = await start({ deny: true });
    expect(
      (
        await request(server)
          .get('/api/slo/entities/default/component/search-service/slos')
          .set('Authorization', user())
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post('/api/slo/incidents')
          .set('Authorization', user())
          .send({
            entityRef: 'component:default/search-service',
            title: 't',
            severity: 'P1',
          })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post(
            `/api/slo/freeze/${encodeURIComponent(
              'component:default/search-service',
            )}/override`,
          )
          .set('Authorization', user())
          .send({
            reason: 'because',
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
          })
      ).status,
    ).toBe(403);
    await backend.stop();
  });

  it('authorizes incident writes and overrides on the incident entity', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result:
          !('resourceRef' in r) ||
          r.resourceRef === 'component:default/search-service'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const { server, backend } = await start({ permissions });
    const declare = (name: string) =>
      request(server)
        .post('/api/slo/incidents')
        .set('Authorization', user())
        .send({
          entityRef: `component:default/${name}`,
          title: 't',
          severity: 'P2',
        });
    const own = await declare('search-service');
    expect(own.status).toBe(201);
    expect((await declare('payments-service')).status).toBe(403);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'slo.incidents.manage',
            resourceType: 'catalog-entity',
          }),
          resourceRef: 'component:default/payments-service',
        }),
      ],
      expect.anything(),
    );
    const ack = await request(server)
      .post(`/api/slo/incidents/${own.body.id}/acknowledge`)
      .set('Authorization', user())
      .send({});
    expect(ack.status).toBe(200);
    const unknown = await request(server)
      .post('/api/slo/incidents/does-not-exist/resolve')
      .set('Authorization', user())
      .send({});
    expect(unknown.status).toBe(404);
    const override = await request(server)
      .post(
        `/api/slo/freeze/${encodeURIComponent(
          'component:default/payments-service',
        )}/override`,
      )
      .set('Authorization', user())
      .send({
        reason: 'because',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
    expect(override.status).toBe(403);
    await backend.stop();
  });
});

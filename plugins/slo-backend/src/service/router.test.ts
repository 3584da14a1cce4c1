import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { start, SloTestBackend, user } from './__testUtils__/startSloBackend';

jest.setTimeout(30_000);

describe('slo router', () => {
  let ctx: SloTestBackend;
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
});

describe('slo router, part 2', () => {
  let ctx: SloTestBackend;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

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

  it('validates requests against openapi.yaml (400 with the error body)', async () => {
    const post = (url: string, body: object) =>
      request(ctx.server)
        .post(`/api/slo${url}`)
        .set('Authorization', user())
        .send(body);
    const both = await post('/incidents', {
      entityRef: 'component:default/search-service',
      title: '',
      severity: 'P9',
    });
    expect(both.body.error).toMatchObject({ name: 'InputError' });
    expect(both.body.error.message).toMatch(/request\/body\/title/);
    expect(both.body.error.message).toMatch(/request\/body\/severity/);
    const ref = encodeURIComponent('component:default/search-service');
    const blank = await post(`/freeze/${ref}/override`, {
      reason: '  a  ',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(blank.status).toBe(400);
    const ftp = await post('/incidents/x/postmortem', {
      url: 'ftp://x.example/pm',
    });
    expect(ftp.status).toBe(400);
    const unknownQuery = await request(ctx.server)
      .get(`/api/slo/gate/${ref}?chnage=p0`)
      .set('Authorization', user());
    expect(unknownQuery.status).toBe(400);
    expect(unknownQuery.body.error.message).toMatch(/chnage/);
    // a query value need not be URL-encoded (allowReserved), as before the spec validated it
    const asOf = await request(ctx.server)
      .get(
        `/api/slo/entities/default/component/search-service/incidents?at=${new Date().toISOString()}`,
      )
      .set('Authorization', user());
    expect(asOf.status).toBe(200);
    const spec = await request(ctx.server)
      .get('/api/slo/openapi.json')
      .set('Authorization', user());
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toContain('/api/slo/incidents');
  });
});

describe('slo router, part 3', () => {
  let ctx: SloTestBackend;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

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
});

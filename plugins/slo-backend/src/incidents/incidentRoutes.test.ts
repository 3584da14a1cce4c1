import request from 'supertest';
import {
  start,
  SloTestBackend,
  user,
} from '../service/__testUtils__/startSloBackend';

jest.setTimeout(30_000);

type Body = { entityRef: string; title: string; severity: string };

/** Create with an Idempotency-Key: replayed, 409 on reuse, 400 on a bad key. */
async function createWithIdempotencyKey(ctx: SloTestBackend, body: Body) {
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

  return first;
}

/** Acknowledge and resolve, each once; repeats are 409 unless replayed. */
async function acknowledgeAndResolve(
  ctx: SloTestBackend,
  id: string,
  first: request.Response,
) {
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
}

/** Postmortem links must be http(s); unknown incidents and entities are 404. */
async function postmortemAndMissing(
  ctx: SloTestBackend,
  id: string,
  body: Body,
) {
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
}

/** MTTA/MTTR stats; an incident before the window consumed no budget. */
async function statsAndOldIncident(ctx: SloTestBackend, body: Body) {
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
}

describe('slo router: manual incidents', () => {
  let ctx: SloTestBackend;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

  it('manual incidents: create with Idempotency-Key, acknowledge, resolve, postmortem, stats', async () => {
    const body = {
      entityRef: 'component:default/payments-service',
      title: 'checkout errors',
      severity: 'P2',
    };
    const first = await createWithIdempotencyKey(ctx, body);
    const id = first.body.id;
    await acknowledgeAndResolve(ctx, id, first);
    await postmortemAndMissing(ctx, id, body);
    await statsAndOldIncident(ctx, body);
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
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { useRouterFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

describe('scorecards router', () => {
  const fixture = useRouterFixture();
  let app: express.Express;
  let authorize: jest.Mock;
  let createEvent: jest.Mock;
  beforeAll(() => {
    ({ app, authorize, createEvent } = fixture);
  });

  it('serves the gates', async () => {
    const res = await request(app).get('/gates');
    expect(res.status).toBe(200);
    expect(res.body.levels).toEqual(['bronze', 'silver']);
    expect(res.body.gates.map((g: any) => g.id)).toEqual([
      'coverage',
      'code-ownership',
      'health',
    ]);
    expect(authorize.mock.calls[0][0][0].permission.name).toBe(
      'scorecards.read',
    );
  });

  it('rejects unauthenticated requests with 401 and denied ones with 403', async () => {
    const unauthenticated = await request(app)
      .get('/gates')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);
    authorize.mockImplementation(async () => [
      { result: AuthorizeResult.DENY },
    ]);
    for (const [method, url] of [
      ['get', '/gates'],
      ['get', '/entities/default/component/good'],
      ['get', '/overview'],
      ['get', '/rollups?by=group'],
      ['post', '/facts'],
      ['post', '/dry-run'],
      ['post', '/entities/default/component/good/evaluate'],
    ] as const) {
      const res = await request(app)[method](url).send({});
      expect([url, res.status]).toEqual([url, 403]);
    }
  });

  it('evaluates once on first read, then serves the stored scorecard', async () => {
    const first = await request(app).get('/entities/default/component/good');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/good',
      verdict: 'ready',
      counts: { pass: 2, unknown: 1 },
    });
    expect(first.body.level).toBeUndefined();
    const second = await request(app).get('/entities/default/component/good');
    expect(second.body.evaluatedAt).toBe(first.body.evaluatedAt);
    expect(
      (await request(app).get('/entities/default/component/missing')).status,
    ).toBe(404);
    const groupResponse = await request(app).get(
      '/entities/default/group/parent',
    );
    expect(groupResponse.status).toBe(404);
    expect(groupResponse.body.error.message).toContain(
      'scorecards cover Component',
    );
    expect(
      (await request(app).get('/entities/default/component/good/history')).body
        .points,
    ).toHaveLength(1);
    expect(
      (await request(app).get('/entities/default/component/nope/history'))
        .status,
    ).toBe(404);
  });

  it('applies file waivers (audited) and reports invalid annotation waivers', async () => {
    createEvent.mockClear();
    const res = await request(app).post(
      '/entities/default/component/bare/evaluate',
    );
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(
      res.body.gates.map((g: any) => [g.gateId, g]),
    );
    expect(byId['code-ownership'].status).toBe('waived');
    expect(byId['code-ownership'].waiver).toMatchObject({
      approver: 'alice',
      source: 'file',
    });
    expect(byId.health.status).toBe('fail');
    expect(byId.health.evidence.at(-1).message).toContain('invalid waiver');
    expect(res.body.warnings[0]).toContain('invalid waiver');
    expect(createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'waiver-use',
        meta: expect.objectContaining({
          entityRef: 'component:default/bare',
          gateId: 'code-ownership',
          approver: 'alice',
        }),
      }),
    );
  });

  it('accepts pushed facts, re-evaluates at once and is idempotent', async () => {
    const body = {
      entityRef: 'component:good',
      facts: { 'ci.coverage.lines': 62, 'ci.vulnerabilities.high': 0 },
      source: 'github-actions',
    };
    const first = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send(body);
    expect(first.status).toBe(200);
    expect(first.body.accepted).toEqual([
      'ci.coverage.lines',
      'ci.vulnerabilities.high',
    ]);
    expect(first.body.scorecard.verdict).toBe('blocked');
    const coverage = first.body.scorecard.gates[0];
    expect(coverage.evidence[0]).toMatchObject({
      value: 62,
      source: 'push:github-actions',
      message: '62 < 80',
    });

    const replay = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send(body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const history = await request(app).get(
      '/entities/default/component/good/history',
    );
    expect(history.body.points.map((p: any) => p.verdict)).toEqual([
      'ready',
      'blocked',
    ]);

    const conflict = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send({ ...body, facts: { 'ci.coverage.lines': 90 } });
    expect(conflict.status).toBe(409);

    const facts = await request(app).get(
      '/entities/default/component/good/facts',
    );
    expect(
      facts.body.items.find((f: any) => f.fact === 'ci.coverage.lines'),
    ).toMatchObject({ value: 62, source: 'push:github-actions' });

    const fixed = await request(app)
      .post('/facts')
      .send({ ...body, facts: { 'ci.coverage.lines': 90 } });
    expect(fixed.body.scorecard.verdict).toBe('ready');
  });

  it.each([
    ['no body', undefined],
    ['empty facts', { entityRef: 'component:default/good', facts: {} }],
    [
      'bad fact id',
      { entityRef: 'component:default/good', facts: { 'Bad Fact': 1 } },
    ],
    ['bad entity ref', { entityRef: 'default/good', facts: { a: 1 } }],
    [
      'unknown field',
      { entityRef: 'component:default/good', facts: { a: 1 }, extra: true },
    ],
    [
      'bad observedAt',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        observedAt: 'yesterday',
      },
    ],
    [
      'future observedAt',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        observedAt: '2999-01-01T00:00:00Z',
      },
    ],
    [
      'bad source',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        source: 'has spaces',
      },
    ],
  ])('rejects a push with %s (400)', async (_name, body) => {
    const res = await request(app)
      .post('/facts')
      .send(body as object);
    expect(res.status).toBe(400);
  });

  it('rejects malformed JSON and long idempotency keys with 400, unknown entities with 404', async () => {
    const malformed = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send('{"entityRef":');
    expect(malformed.status).toBe(400);
    const longKey = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'k'.repeat(300))
      .send({ entityRef: 'component:default/good', facts: { a: 1 } });
    expect(longKey.status).toBe(400);
    const spacedKey = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run 1')
      .send({ entityRef: 'component:default/good', facts: { a: 1 } });
    expect(spacedKey.status).toBe(400);
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const tooDeep = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send(`{"entityRef":"component:default/good","facts":{"a":${deep}}}`);
    expect(tooDeep.status).toBe(400);
    const deepPolicy = await request(app)
      .post('/dry-run')
      .set('Content-Type', 'application/json')
      .send(`{"policy":${deep}}`);
    expect(deepPolicy.status).toBe(400);
    const badUri = await request(app).get(
      '/entities/default/component/%E0%A4%A',
    );
    expect(badUri.status).toBe(400);
    const primitive = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send('"just a string"');
    expect(primitive.status).toBe(400);
    const unknown = await request(app)
      .post('/facts')
      .send({ entityRef: 'component:default/ghost', facts: { a: 1 } });
    expect(unknown.status).toBe(404);
  });
});

import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
  testPolicy,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('hostile values never crash the scorecards', () => {
  let ctx: Awaited<ReturnType<typeof startScorecardsBackend>>;
  const auth = `Bearer ${mockCredentials.service.token()}`;
  const get = (path: string) =>
    request(ctx.backend.server)
      .get(`/api/scorecards${path}`)
      .set('Authorization', auth);
  const post = (path: string, body: unknown, headers = {}) =>
    request(ctx.backend.server)
      .post(`/api/scorecards${path}`)
      .set('Authorization', auth)
      .set(headers)
      .send(body as object);

  beforeAll(async () => {
    ctx = await startScorecardsBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [testComponent('svc'), testComponent('other')],
    });
  });
  afterAll(() => ctx.backend.stop());

  it.each([
    [{ toString: 'x' }, 'a number'],
    [[1, 2], 'a number'],
    ['not-a-number', 'a number'],
    [true, 'a number'],
  ])(
    'rejects %p where the policy needs %s (400 naming the fact)',
    async (value: unknown, expected: string) => {
      const res = await post('/facts', {
        entityRef: 'component:default/svc',
        facts: { 'ci.coverage.lines': value },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('"ci.coverage.lines"');
      expect(res.body.error.message).toContain(`must be ${expected}`);
      const [{ count }] = await ctx
        .knex('scorecards_facts')
        .count({ count: '*' });
      expect(Number(count)).toBe(0);
    },
  );

  it('accepts prototype-like fact names as ordinary facts', async () => {
    const res = await post('/facts', {
      entityRef: 'component:default/svc',
      facts: {
        constructor: { toString: 1 },
        tostring: 2,
        'ci.coverage.lines': 90,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toEqual([
      'ci.coverage.lines',
      'constructor',
      'tostring',
    ]);
  });

  it('isolates a bad stored fact to its gate: unknown with the error', async () => {
    await ctx.knex('scorecards_facts').insert({
      entity_ref: 'component:default/other',
      fact_id: 'repo.codeowners.present',
      value: JSON.stringify({ toString: 'x', valueOf: 'y' }),
      observed_at: Date.now(),
      source: 'legacy',
      updated_at: Date.now(),
    });
    await ctx.knex('scorecards_facts').insert({
      entity_ref: 'component:default/other',
      fact_id: 'ci.coverage.lines',
      value: JSON.stringify({ toString: 'x' }),
      observed_at: Date.now(),
      source: 'legacy',
      updated_at: Date.now(),
    });
    const evaluated = await post(
      '/entities/default/component/other/evaluate',
      {},
    );
    expect(evaluated.status).toBe(200);
    const coverage = evaluated.body.gates.find(
      (g: any) => g.gateId === 'coverage',
    );
    expect(coverage.status).toBe('fail');
    expect(coverage.evidence[0].message).toBe(
      '{"toString":"x"} is not a number',
    );
    const owners = evaluated.body.gates.find((g: any) => g.gateId === 'owners');
    expect(owners.status).toBe('pass');
    const card = await get('/entities/default/component/other');
    expect(card.status).toBe(200);
    const dryRun = await post('/dry-run', { policy: testPolicy });
    expect(dryRun.status).toBe(200);
    const facts = await get('/entities/default/component/other/facts');
    expect(facts.status).toBe(200);
  });

  it.each([
    '?offset=1e20',
    '?limit=1e20',
    '?offset=100000000000000000000',
    '?limit=0',
    '?limit=abc',
    '?offset=-1',
    '?offset=1000001',
  ])('answers overview%s with 400, never SQL', async query => {
    const res = await get(`/overview${query}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/select|offset \d|sqlite/i);
  });

  it('rejects deep nesting with an Idempotency-Key as 400', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const res = await post(
      '/facts',
      { entityRef: 'component:default/svc', facts: { x: deep } },
      { 'Idempotency-Key': 'deep-1' },
    );
    expect(res.status).toBe(400);
    const waivers = await post('/waivers/validate', { waivers: [deep] });
    expect(waivers.status).toBe(400);
  });

  it('hides database errors behind a generic 500', async () => {
    await ctx.knex.schema.renameTable('scorecards_current', 'broken_current');
    try {
      const res = await get('/overview');
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(
        /scorecards_current|select|SQLITE/i,
      );
    } finally {
      await ctx.knex.schema.renameTable('broken_current', 'scorecards_current');
    }
    expect((await get('/overview')).status).toBe(200);
  });
});

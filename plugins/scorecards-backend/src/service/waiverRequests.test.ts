import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { useRouterFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

const BOB = 'user:default/bob'; // owns component bare
const ALICE = 'user:default/alice'; // owns nothing
const GUEST = 'user:default/guest'; // platform member
const CAROL = 'user:default/carol'; // member of group child: approver of health
const BARE = 'component:default/bare';
const GOOD = 'component:default/good';
const DAY = 86_400_000;

const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

describe('waiver request routes', () => {
  const fixture = useRouterFixture();
  let app: express.Express;

  /** The policy of the portal: owners request, platform members manage. */
  function portalPermissions() {
    fixture.authorize.mockImplementation(
      async (
        requests: Array<{ permission: { name: string }; resourceRef?: string }>,
        options: { credentials: { principal: { userEntityRef?: string } } },
      ) => {
        const user = options.credentials.principal.userEntityRef;
        return requests.map(({ permission, resourceRef }) => {
          let allowed = true;
          if (permission.name === 'scorecards.waivers.request') {
            allowed = user === GUEST || (user === BOB && resourceRef === BARE);
          } else if (permission.name === 'scorecards.waivers.manage') {
            allowed = user === GUEST;
          }
          return {
            result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          };
        });
      },
    );
  }

  beforeAll(() => {
    app = fixture.app;
  });
  beforeEach(portalPermissions);

  const as = (user: string) => mockCredentials.user.header(user);
  const create = (user: string, body: object, key?: string) => {
    const req = request(app)
      .post('/waiver-requests')
      .set('Authorization', as(user));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const decide = (user: string, id: string, action: string, body = {}) =>
    request(app)
      .post(`/waiver-requests/${id}/${action}`)
      .set('Authorization', as(user))
      .send(body);
  const gateOf = async (name: string, gateId: string) => {
    const res = await request(app).get(`/entities/default/component/${name}`);
    return res.body.gates.find((g: { gateId: string }) => g.gateId === gateId);
  };
  const body = (over: object = {}) => ({
    entityRef: BARE,
    gate: 'coverage',
    reason: 'moving the test runner to vitest',
    expires: inDays(10),
    ...over,
  });

  it('lets an owner request for their own entity only', async () => {
    expect((await gateOf('bare', 'coverage')).status).not.toBe('pass');
    const outsider = await create(ALICE, body());
    expect(outsider.status).toBe(403);
    const otherTeam = await create(BOB, body({ entityRef: GOOD }));
    expect(otherTeam.status).toBe(403);
    const service = await request(app)
      .post('/waiver-requests')
      .set('Authorization', mockCredentials.service.header())
      .send(body());
    expect(service.status).toBe(403);
    expect(fixture.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'scorecards.waivers.request',
          }),
          resourceRef: GOOD,
        }),
      ],
      expect.anything(),
    );
  });

  it('rejects hostile and out-of-policy values with 400', async () => {
    for (const bad of [
      body({ reason: 'x\u0000y and more' }),
      body({ reason: 'a'.repeat(2001) }),
      body({ reason: '  ' }),
      body({ expires: 'not a date' }),
      body({ expires: inDays(-1) }),
      body({ expires: inDays(31) }), // the fixture's maxDays is 30
      body({ entityRef: 'shop' }),
      body({ gate: 'no-such-gate' }),
      body({ extra: true }),
      { ...body(), gate: ['coverage'] },
    ]) {
      const res = await create(BOB, bad);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    const badKey = await create(BOB, body(), 'bad key with spaces');
    expect(badKey.status).toBe(400);
    expect((await decide(GUEST, 'not-a-uuid', 'approve')).status).toBe(400);
    expect(
      (await decide(GUEST, '00000000-0000-4000-8000-000000000000', 'approve'))
        .status,
    ).toBe(404);
    const list = await request(app).get('/waiver-requests?state=bogus');
    expect(list.status).toBe(400);
  });

  it('refuses a waiver for a passing gate', async () => {
    const res = await create(
      GUEST,
      body({ entityRef: GOOD, gate: 'code-ownership' }),
    );
    expect(res.status).toBe(409);
  });

  it('creates once per Idempotency-Key, also when sent twice at once', async () => {
    const once = body();
    const [a, b] = await Promise.all([
      create(BOB, once, 'req-1'),
      create(BOB, once, 'req-1'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect([a, b].some(r => r.headers['idempotent-replayed'] === 'true')).toBe(
      true,
    );
    const again = await create(BOB, body());
    expect(again.status).toBe(409); // one open request per gate
    const list = await request(app)
      .get(`/waiver-requests?entityRef=${BARE}&state=requested`)
      .set('Authorization', as(BOB));
    expect(list.status).toBe(200);
    expect(list.body.maxDays).toBe(30);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      state: 'requested',
      requestedBy: BOB,
      canDecide: false,
    });
  });

  it('never lets the requester decide, and decides exactly once', async () => {
    const created = await create(GUEST, body({ gate: 'health' }));
    expect(created.status).toBe(201);
    const { id } = created.body;
    expect((await decide(GUEST, id, 'approve')).status).toBe(403);
    expect((await decide(ALICE, id, 'approve')).status).toBe(403);
    expect((await decide(BOB, id, 'withdraw')).status).toBe(403);
    // carol approves gate health as its configured approver; two at once.
    const results = await Promise.all([
      decide(CAROL, id, 'approve', { comment: 'ok' }),
      decide(CAROL, id, 'reject'),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    expect((await decide(CAROL, id, 'approve')).status).toBe(409);
  });

  it('applies an approved waiver at once, as a request, and audits each step', async () => {
    const { body: open } = await request(app)
      .get(`/waiver-requests?entityRef=${BARE}&state=requested`)
      .set('Authorization', as(GUEST));
    const coverage = open.items.find(
      (r: { gateId: string }) => r.gateId === 'coverage',
    );
    expect(coverage.canDecide).toBe(true);
    // carol is no approver of coverage.
    expect((await decide(CAROL, coverage.id, 'approve')).status).toBe(403);
    fixture.createEvent.mockClear();
    const approved = await decide(GUEST, coverage.id, 'approve', {
      comment: 'until the migration',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decidedBy: GUEST,
      decisionComment: 'until the migration',
    });
    expect(
      approved.body.history.map((h: { state: string }) => h.state),
    ).toEqual(['requested', 'approved']);
    const gate = await gateOf('bare', 'coverage');
    expect(gate.status).toBe('waived');
    expect(gate.waiver).toMatchObject({
      source: 'request',
      requestId: coverage.id,
      approver: GUEST,
      reason: 'moving the test runner to vitest',
    });
    // The file waiver (as code) keeps its source.
    expect((await gateOf('bare', 'code-ownership')).waiver.source).toBe('file');
    const events = fixture.createEvent.mock.calls.map(c => c[0]);
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'waiver-request',
        meta: expect.objectContaining({
          action: 'approve',
          requestId: coverage.id,
        }),
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'waiver-use',
        meta: expect.objectContaining({ waiverSource: 'request' }),
      }),
    );
  });

  it('lets the requester withdraw, and an expired waiver stops applying', async () => {
    const rejected = await request(app)
      .get('/waiver-requests?state=rejected')
      .set('Authorization', as(GUEST));
    const approvedHealth = await request(app)
      .get(`/waiver-requests?entityRef=${BARE}&state=approved`)
      .set('Authorization', as(GUEST));
    // One of carol's concurrent decisions on health won.
    expect(
      [...rejected.body.items, ...approvedHealth.body.items].filter(
        (r: { gateId: string }) => r.gateId === 'health',
      ),
    ).toHaveLength(1);

    const soon = await create(
      GUEST,
      body({
        entityRef: GOOD,
        gate: 'coverage',
        expires: new Date(Date.now() + 1500).toISOString(),
      }),
    );
    expect(soon.status).toBe(201);
    const withdrawn = await decide(GUEST, soon.body.id, 'withdraw');
    expect(withdrawn.body.state).toBe('withdrawn');

    const short = await create(
      GUEST,
      body({
        entityRef: GOOD,
        gate: 'coverage',
        expires: new Date(Date.now() + 1500).toISOString(),
      }),
    );
    portalPermissions();
    const approved = await decide(BOB, short.body.id, 'approve');
    expect(approved.status).toBe(403); // bob is no platform member
    fixture.authorize.mockImplementation(async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    expect((await decide(BOB, short.body.id, 'approve')).status).toBe(200);
    expect((await gateOf('good', 'coverage')).status).toBe('waived');
    await new Promise(r => setTimeout(r, 1700));
    const evaluated = await request(app).post(
      '/entities/default/component/good/evaluate',
    );
    expect(evaluated.status).toBe(200);
    expect((await gateOf('good', 'coverage')).status).not.toBe('waived');
    const expired = await request(app).get(
      `/waiver-requests?entityRef=${GOOD}&state=expired`,
    );
    expect(expired.body.items.map((r: { id: string }) => r.id)).toEqual([
      short.body.id,
    ]);
  });
});

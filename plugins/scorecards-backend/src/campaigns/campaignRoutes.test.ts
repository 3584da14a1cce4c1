import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityScorecard,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';
import request from 'supertest';
import { useRouterFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice'; // not a platform member
const GUEST = 'user:default/guest'; // platform member
const DAY = 86_400_000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

function scorecard(
  entityRef: string,
  gates: Record<string, GateStatus>,
): EntityScorecard {
  return {
    entityRef,
    verdict: 'at-risk',
    evaluatedAt: new Date().toISOString(),
    policyVersion: 'test',
    counts: { pass: 0, fail: 0, unknown: 0, stale: 0, waived: 0 },
    gates: Object.entries(gates).map(([gateId, status]) => ({
      gateId,
      title: gateId,
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      remediation: 'https://example.com',
      status,
      evidence: [],
    })),
  };
}

describe('campaign routes', () => {
  const fixture = useRouterFixture();

  beforeEach(() => {
    fixture.authorize.mockImplementation(
      async (
        requests: Array<{ permission: { name: string } }>,
        options: { credentials: { principal: { userEntityRef?: string } } },
      ) =>
        requests.map(({ permission }) => ({
          result:
            permission.name !== 'scorecards.campaigns.manage' ||
            options.credentials.principal.userEntityRef === GUEST
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    );
  });

  beforeAll(async () => {
    // Stored verdicts: good passes both bronze gates, bare fails coverage.
    const save = (
      ref: string,
      gates: Record<string, GateStatus>,
      owner: string,
    ) =>
      fixture.store.saveScorecard({
        scorecard: scorecard(ref, gates),
        signature: JSON.stringify(gates),
        meta: { kind: 'Component', owner },
      });
    await save(
      'component:default/good',
      { coverage: 'pass', 'code-ownership': 'pass', health: 'pass' },
      'group:default/child',
    );
    await save(
      'component:default/bare',
      { coverage: 'fail', 'code-ownership': 'waived', health: 'unknown' },
      'group:default/parent',
    );
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const body = (over: object = {}) => ({
    title: 'Bronze for every component',
    owner: 'group:default/parent',
    target: { gates: ['coverage', 'code-ownership'] },
    selector: { kinds: ['Component'] },
    deadline: inDays(30),
    ...over,
  });
  const create = (user: string, payload: object | string, key?: string) => {
    const req = request(fixture.app)
      .post('/campaigns')
      .set('Authorization', as(user))
      .set('Content-Type', 'application/json');
    if (key) req.set('Idempotency-Key', key);
    return req.send(payload);
  };

  it('lets only platform members create and change campaigns', async () => {
    const denied = await create(ALICE, body());
    expect(denied.status).toBe(403);
    const created = await create(GUEST, body({ title: 'Guest campaign' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ source: 'ui', createdBy: GUEST });
    const patch = await request(fixture.app)
      .patch(`/campaigns/${created.body.id}`)
      .set('Authorization', as(ALICE))
      .send({ title: 'Renamed by alice' });
    expect(patch.status).toBe(403);
    const ok = await request(fixture.app)
      .patch(`/campaigns/${created.body.id}`)
      .set('Authorization', as(GUEST))
      .send({ title: 'Renamed by guest', archived: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      title: 'Renamed by guest',
      archived: true,
    });
    expect(fixture.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'campaign',
        meta: { action: 'update', campaignId: created.body.id },
      }),
    );
  });

  it('rejects hostile and malformed input with 400', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `tag-${i}`);
    for (const bad of [
      body({ extra: true }),
      body({ deadline: 'not a date' }),
      body({ deadline: '2026-13-45' }),
      body({ deadline: inDays(-1) }),
      body({ title: 'x\u0000y and more' }),
      body({ owner: 'not a ref!' }),
      body({ target: {} }),
      body({ target: { gates: ['no-such-gate'] } }),
      body({ target: { level: 'platinum' } }),
      body({ target: { gates: ['coverage'], extra: 1 } }),
      body({ selector: { tags: many } }),
      body({ selector: { teams: ['x'] } }),
      `{"title":"Proto","owner":"group:default/parent","target":{"gates":["coverage"]},"selector":{},"deadline":"${inDays(
        3,
      )}","__proto__":{"admin":true}}`,
      `{"title":"Proto","owner":"group:default/parent","target":{"gates":["coverage"]},"selector":{"__proto__":{"x":1}},"deadline":"${inDays(
        3,
      )}"}`,
    ]) {
      const res = await create(GUEST, bad);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    const id = (await create(GUEST, body({ title: 'To patch' }))).body.id;
    for (const bad of [{}, { deadline: 'soon' }, { owner: 'x' }]) {
      const res = await request(fixture.app)
        .patch(`/campaigns/${id}`)
        .set('Authorization', as(GUEST))
        .send(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect(
      (await request(fixture.app).get('/campaigns/not-a-uuid')).status,
    ).toBe(400);
    expect(
      (await request(fixture.app).get('/campaigns?due=tomorrow')).status,
    ).toBe(400);
    expect(
      (
        await request(fixture.app).get(
          '/campaigns/entity/default/component/nope',
        )
      ).status,
    ).toBe(404);
    expect((await request(fixture.app).get('/campaigns?bogus=1')).status).toBe(
      400,
    );
    expect(
      (
        await request(fixture.app).get(
          '/campaigns/00000000-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(404);
  });

  it('creates one campaign for concurrent requests with one Idempotency-Key', async () => {
    const once = body({ title: 'Exactly once' });
    const [a, b] = await Promise.all([
      create(GUEST, once, 'campaign-1'),
      create(GUEST, once, 'campaign-1'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const all = await fixture.campaignStore.list({ includeArchived: true });
    expect(all.filter(c => c.title === 'Exactly once')).toHaveLength(1);
  });

  it('computes progress from the stored verdicts', async () => {
    const evaluate = jest.spyOn(fixture.service, 'evaluateEntity');
    const { id } = (await create(GUEST, body({ title: 'Progress' }))).body;
    const details = await request(fixture.app).get(`/campaigns/${id}`);
    expect(details.status).toBe(200);
    expect(details.body.progress).toEqual({
      total: 2,
      done: 1,
      remaining: 1,
      overdue: 0,
    });
    expect(details.body.teams).toEqual([
      {
        owner: 'group:default/child',
        total: 1,
        done: 1,
        remaining: 0,
        overdue: 0,
      },
      {
        owner: 'group:default/parent',
        total: 1,
        done: 0,
        remaining: 1,
        overdue: 0,
      },
    ]);
    expect(details.body.remainingEntities).toEqual([
      {
        entityRef: 'component:default/bare',
        title: 'bare',
        owner: 'group:default/parent',
        status: 'remaining',
        gates: [{ gateId: 'coverage', status: 'fail' }],
      },
    ]);
    expect(details.body.history.map((h: { kind: string }) => h.kind)).toEqual([
      'created',
    ]);

    const child = await request(fixture.app).get(
      `/campaigns?owner=group:default/child&due=${inDays(31).slice(0, 10)}`,
    );
    const mine = child.body.items.find((c: { id: string }) => c.id === id);
    expect(mine.progress).toEqual({
      total: 1,
      done: 1,
      remaining: 0,
      overdue: 0,
    });
    const notYetDue = await request(fixture.app).get(
      `/campaigns?owner=group:default/child&due=${inDays(10)}`,
    );
    expect(notYetDue.body.items.map((c: { id: string }) => c.id)).not.toContain(
      id,
    );

    const entity = await request(fixture.app).get(
      '/campaigns/entity/default/component/bare',
    );
    expect(
      entity.body.items.find(
        (i: { campaign: { id: string } }) => i.campaign.id === id,
      ),
    ).toMatchObject({ status: 'remaining', gates: [{ gateId: 'coverage' }] });
    expect(evaluate).not.toHaveBeenCalled();

    expect(await fixture.service.campaigns!.recordSnapshots()).toBeGreaterThan(
      0,
    );
    const after = await request(fixture.app).get(`/campaigns/${id}`);
    expect(after.body.history.at(-1)).toMatchObject({
      kind: 'snapshot',
      progress: { total: 2, done: 1, remaining: 1, overdue: 0 },
    });
  });

  it('serves code campaigns synced from the policy, not editable', async () => {
    await fixture.campaignStore.syncCode(
      [
        {
          id: 'health-everywhere',
          title: 'Silver for the shop',
          owner: 'group:default/parent',
          target: { level: 'silver' },
          selector: { systems: ['shop'] },
          deadline: '2020-01-01',
        },
      ],
      Date.now(),
    );
    const list = await request(fixture.app).get('/campaigns');
    const code = list.body.items.find(
      (c: { codeId?: string }) => c.codeId === 'health-everywhere',
    );
    // Only good is in system shop; it passes every gate up to silver.
    expect(code).toMatchObject({
      source: 'code',
      progress: { total: 1, done: 1, remaining: 0, overdue: 0 },
    });
    const patch = await request(fixture.app)
      .patch(`/campaigns/${code.id}`)
      .set('Authorization', as(GUEST))
      .send({ title: 'Hijacked' });
    expect(patch.status).toBe(409);
  });
});

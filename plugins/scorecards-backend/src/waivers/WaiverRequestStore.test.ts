import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseWaiverRequestStore } from './WaiverRequestStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-04T10:00:00.000Z');

describe('DatabaseWaiverRequestStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseWaiverRequestStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  const newRequest = (over: Record<string, unknown> = {}) => ({
    entityRef: 'component:default/shop',
    gateId: 'coverage',
    reason: 'migrating the test runner',
    expiresAt: T0 + 10 * DAY,
    requestedBy: 'user:default/bob',
    now: T0,
    ...over,
  });

  it.each(databases.eachSupportedId())(
    'creates, lists and decides a request with its history, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const created = await store.create(newRequest());
      expect(created).toMatchObject({
        entityRef: 'component:default/shop',
        gateId: 'coverage',
        state: 'requested',
        requestedBy: 'user:default/bob',
        expiresAt: new Date(T0 + 10 * DAY).toISOString(),
        history: [{ state: 'requested', actor: 'user:default/bob' }],
      });
      expect(created.decidedBy).toBeUndefined();
      await store.create(newRequest({ entityRef: 'component:default/other' }));

      const open = await store.list({ state: 'requested', now: T0 });
      expect(open).toHaveLength(2);
      const ofShop = await store.list({
        entityRef: 'component:default/shop',
        now: T0,
      });
      expect(ofShop.map(r => r.id)).toEqual([created.id]);

      const approved = await store.decide({
        id: created.id,
        to: 'approved',
        actor: 'user:default/guest',
        comment: 'ok until the migration',
        now: T0 + DAY,
      });
      expect(approved).toMatchObject({
        state: 'approved',
        decidedBy: 'user:default/guest',
        decidedAt: new Date(T0 + DAY).toISOString(),
        decisionComment: 'ok until the migration',
      });
      expect(approved!.history.map(h => [h.state, h.actor])).toEqual([
        ['requested', 'user:default/bob'],
        ['approved', 'user:default/guest'],
      ]);
      // Decided once: a second decision finds nothing open.
      await expect(
        store.decide({
          id: created.id,
          to: 'rejected',
          actor: 'user:default/other',
          now: T0 + DAY,
        }),
      ).resolves.toBeUndefined();
      expect(
        (await store.listActive('component:default/shop', T0 + DAY)).map(
          r => r.id,
        ),
      ).toEqual([created.id]);
      await expect(store.get('nope', T0)).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'reports approved and open requests as expired after their expiry, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const a = await store.create(newRequest());
      const b = await store.create(newRequest({ gateId: 'health' }));
      await store.decide({
        id: a.id,
        to: 'approved',
        actor: 'user:default/guest',
        now: T0,
      });
      const later = T0 + 11 * DAY;
      expect((await store.get(a.id, later))!.state).toBe('expired');
      expect((await store.get(b.id, later))!.state).toBe('expired');
      await expect(
        store.listActive('component:default/shop', later),
      ).resolves.toEqual([]);
      expect(
        (await store.list({ state: 'expired', now: later })).map(r => r.id),
      ).toEqual(expect.arrayContaining([a.id, b.id]));
      // An expired open request can no longer be approved.
      await expect(
        store.decide({
          id: b.id,
          to: 'approved',
          actor: 'user:default/guest',
          now: later,
        }),
      ).resolves.toBeUndefined();
      expect(await store.list({ state: 'requested', now: later })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of concurrent decisions win, %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const { id } = await store.create(newRequest());
      const results = await Promise.all(
        ['approved', 'rejected', 'approved', 'withdrawn'].map((to, i) =>
          store.decide({
            id,
            to: to as 'approved',
            actor: `user:default/u${i}`,
            now: T0,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await knex('scorecards_waiver_request_history').where({
        request_id: id,
      });
      expect(rows).toHaveLength(2);
      const list = await store.list({ state: 'rejected', now: T0 });
      expect(list.length).toBeLessThanOrEqual(1);
    },
  );
});

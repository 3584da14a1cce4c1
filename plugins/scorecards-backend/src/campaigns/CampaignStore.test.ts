import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { CampaignDefinition } from '@gatekeeper/plugin-scorecards-common';
import { DatabaseCampaignStore } from './CampaignStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-04T10:00:00.000Z');

const definition = (
  over: Partial<CampaignDefinition> = {},
): CampaignDefinition => ({
  id: 'owners-everywhere',
  title: 'Code owners everywhere',
  owner: 'group:default/platform',
  target: { gates: ['owners'] },
  selector: { kinds: ['Component'] },
  deadline: '2027-01-31',
  ...over,
});

describe('DatabaseCampaignStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseCampaignStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'creates, lists and updates a UI campaign with its history, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const created = await store.create({
        title: 'Coverage push',
        owner: 'group:default/platform',
        target: { gates: ['coverage'], level: 'bronze' },
        selector: { owners: ['group:default/team-a'], tags: ['java'] },
        deadline: T0 + 30 * DAY,
        createdBy: 'user:default/guest',
        now: T0,
      });
      expect(created).toMatchObject({
        title: 'Coverage push',
        source: 'ui',
        archived: false,
        deadline: new Date(T0 + 30 * DAY).toISOString(),
        target: { gates: ['coverage'], level: 'bronze' },
        selector: { owners: ['group:default/team-a'], tags: ['java'] },
        createdBy: 'user:default/guest',
      });
      expect(await store.list()).toHaveLength(1);

      const updated = await store.update({
        id: created.id,
        changes: { title: 'Coverage push 2', archived: true },
        actor: 'user:default/guest',
        now: T0 + DAY,
      });
      expect(updated).toMatchObject({
        title: 'Coverage push 2',
        archived: true,
      });
      expect(await store.list()).toHaveLength(0);
      expect(await store.list({ includeArchived: true })).toHaveLength(1);
      const history = await store.history(created.id);
      expect(history.map(h => h.kind)).toEqual(['created', 'updated']);
      expect(history[1]).toMatchObject({
        actor: 'user:default/guest',
        changes: { title: 'Coverage push 2', archived: true },
      });
      expect(
        await store.update({
          id: '00000000-0000-4000-8000-000000000000',
          changes: { title: 'x' },
          actor: 'a',
          now: T0,
        }),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'syncs code campaigns: creates, updates, archives, and refuses UI edits, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      expect(await store.syncCode([definition()], T0)).toEqual({
        created: 1,
        updated: 0,
        archived: 0,
      });
      // Unchanged: nothing to do.
      expect(await store.syncCode([definition()], T0 + 1)).toEqual({
        created: 0,
        updated: 0,
        archived: 0,
      });
      const [code] = await store.list();
      expect(code).toMatchObject({
        source: 'code',
        codeId: 'owners-everywhere',
        deadline: '2027-01-31T00:00:00.000Z',
      });
      expect(
        await store.update({
          id: code.id,
          changes: { title: 'hijacked' },
          actor: 'user:default/guest',
          now: T0,
        }),
      ).toBeUndefined();

      await store.syncCode([definition({ title: 'Owners, really' })], T0 + 2);
      expect((await store.get(code.id))?.title).toBe('Owners, really');
      expect(await store.syncCode([], T0 + 3)).toEqual({
        created: 0,
        updated: 0,
        archived: 1,
      });
      expect((await store.get(code.id))?.archived).toBe(true);
      // Back in the policy: the same campaign again, not a new one.
      await store.syncCode([definition()], T0 + 4);
      const again = await store.list();
      expect(again.map(c => c.id)).toEqual([code.id]);
      expect((await store.history(code.id)).map(h => h.kind)).toEqual([
        'created',
        'synced',
        'synced',
        'synced',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records one snapshot per campaign and day, also concurrently, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.syncCode([definition()], T0);
      const [campaign] = await store.list();
      const counts = { total: 3, done: 1, remaining: 2, overdue: 0 };
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          store.recordSnapshot({
            id: campaign.id,
            day: '2026-12-04',
            counts,
            now: T0,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      await store.recordSnapshot({
        id: campaign.id,
        day: '2026-12-05',
        counts: { ...counts, done: 2, remaining: 1 },
        now: T0 + DAY,
      });
      const snapshots = (await store.history(campaign.id)).filter(
        h => h.kind === 'snapshot',
      );
      expect(snapshots.map(s => s.progress)).toEqual([
        counts,
        { total: 3, done: 2, remaining: 1, overdue: 0 },
      ]);
    },
  );
});

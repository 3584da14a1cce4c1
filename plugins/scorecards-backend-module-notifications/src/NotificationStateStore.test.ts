import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EntityState } from './detectNotices';
import { KnexNotificationStateStore } from './NotificationStateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

const state = (verdict: string): EntityState => ({
  verdict,
  failing: [],
  waivers: {},
  frozen: false,
  postmortems: [],
  notified: [`verdict:${verdict}`],
});

describe.each(databases.eachSupportedId())(
  'KnexNotificationStateStore on %s',
  id => {
    async function store() {
      const knex = await databases.init(id);
      return KnexNotificationStateStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    }

    it('remembers states and returns only the entities asked for', async () => {
      const s = await store();
      expect(
        await s.save({
          entityRef: 'component:default/a',
          state: state('ready'),
        }),
      ).toBe(true);
      expect(
        await s.save({
          entityRef: 'component:default/b',
          state: state('blocked'),
        }),
      ).toBe(true);
      const got = await s.get(['component:default/a', 'component:default/x']);
      expect([...got.keys()]).toEqual(['component:default/a']);
      expect(got.get('component:default/a')).toEqual({
        state: state('ready'),
        version: 1,
      });
    });

    it('lets only one of two writers with the same version win (no double notification)', async () => {
      const s = await store();
      const ref = 'component:default/a';
      const firstSight = await Promise.all([
        s.save({ entityRef: ref, state: state('ready') }),
        s.save({ entityRef: ref, state: state('blocked') }),
      ]);
      expect(firstSight.filter(Boolean)).toHaveLength(1);
      const { version } = (await s.get([ref])).get(ref)!;
      const next = await Promise.all([
        s.save({ entityRef: ref, version, state: state('at-risk') }),
        s.save({ entityRef: ref, version, state: state('blocked') }),
      ]);
      expect(next.filter(Boolean)).toHaveLength(1);
      expect((await s.get([ref])).get(ref)!.version).toBe(version + 1);
      expect(
        await s.save({ entityRef: ref, version, state: state('ready') }),
      ).toBe(false);
    });

    it('reads more entities than one query may name', async () => {
      const s = await store();
      const refs = Array.from(
        { length: 1200 },
        (_, i) => `component:default/e${i}`,
      );
      for (const ref of refs.slice(0, 600))
        await s.save({ entityRef: ref, state: state('ready') });
      expect((await s.get(refs)).size).toBe(600);
    });
  },
);

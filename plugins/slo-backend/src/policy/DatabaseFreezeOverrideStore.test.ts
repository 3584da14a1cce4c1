import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseFreezeOverrideStore } from './DatabaseFreezeOverrideStore';

jest.setTimeout(60_000);

describe('DatabaseFreezeOverrideStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return { store: await DatabaseFreezeOverrideStore.create({ database }) };
  }

  it.each(databases.eachSupportedId())(
    'stores freeze overrides, %p',
    async id => {
      const { store } = await createStore(id);
      const base = {
        entityRef: 'component:default/a',
        by: 'user:default/sre',
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      await store.addFreezeOverride({
        ...base,
        reason: 'old',
        expiresAt: '2026-01-02T00:00:00.000Z',
      });
      await store.addFreezeOverride({
        ...base,
        reason: 'new',
        expiresAt: '2026-01-03T00:00:00.000Z',
      });
      expect(
        (
          await store.getActiveFreezeOverride(
            'component:default/a',
            '2026-01-01T12:00:00.000Z',
          )
        )?.reason,
      ).toBe('new');
      expect(
        await store.getActiveFreezeOverride(
          'component:default/a',
          '2026-01-03T00:00:00.000Z',
        ),
      ).toBeUndefined();
      expect(
        await store.getActiveFreezeOverride(
          'component:default/b',
          '2026-01-01T00:00:00.000Z',
        ),
      ).toBeUndefined();
    },
  );
});

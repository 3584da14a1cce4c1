import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createSloStores } from './SloStores';

jest.setTimeout(60_000);

describe('createSloStores', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStores(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return createSloStores({ database });
  }

  it.each(databases.eachSupportedId())(
    'stores idempotent responses, %p',
    async id => {
      const { idempotency } = await createStores(id);
      const reserve = (scope: string) =>
        idempotency.reserve({
          scope,
          key: 'k1',
          operation: 'create',
          requestHash: 'h',
          leaseMs: 60_000,
        });
      const attempts = await Promise.all([
        reserve('user:default/a'),
        reserve('user:default/a'),
      ]);
      expect(attempts.filter(a => a.reserved)).toHaveLength(1);
      expect((await reserve('user:default/b')).reserved).toBe(true);
    },
  );
});

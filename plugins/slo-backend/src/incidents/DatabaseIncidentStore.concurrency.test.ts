import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

// One Alertmanager notification delivered to two replicas at once: both
// apply it in a transaction, on separate connections (PostgreSQL).
describe('DatabaseIncidentStore across replicas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return { store: await DatabaseIncidentStore.create({ database }), knex };
  }

  it.each(databases.eachSupportedId())(
    'creates one incident per external key from concurrent transactions, %p',
    async id => {
      const { store, knex } = await createStore(id);
      for (let round = 0; round < 5; round++) {
        const externalKey = `alertmanager:fp-${round}:2026-12-01T00:00:00.000Z`;
        const apply = () =>
          store.transaction(async tx => {
            const result = await tx.createIncident({
              entityRef: 'component:default/a',
              title: 'down',
              severity: 'P1',
              source: 'alertmanager',
              startedAt: '2026-12-01T00:00:00.000Z',
              externalKey,
            });
            // the rest of the notification still runs in the transaction
            await tx.getIncident(result.incident.id);
            return result;
          });
        const results = await Promise.all([apply(), apply()]);
        expect(results.filter(r => r.created)).toHaveLength(1);
        expect(results[0].incident.id).toBe(results[1].incident.id);
        const rows = await knex('slo_incidents').where({
          external_key: externalKey,
        });
        expect(rows).toHaveLength(1);
      }
    },
  );
});

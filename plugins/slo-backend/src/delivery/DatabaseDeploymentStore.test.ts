import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DeploymentEvent, RollbackEvent } from '@gatekeeper/plugin-slo-common';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';

jest.setTimeout(60_000);

const A = 'component:default/a';
const B = 'component:default/b';

const deployment = (over: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  id: 'run-1-1-production',
  entityRef: A,
  environment: 'production',
  commit: 'c'.repeat(40),
  commitAt: '2026-11-01T08:00:00Z',
  startedAt: '2026-11-02T10:00:00Z',
  finishedAt: '2026-11-02T10:20:00Z',
  status: 'succeeded',
  source: 'push',
  version: '1.2.0',
  ...over,
});

const rollback = (over: Partial<RollbackEvent> = {}): RollbackEvent => ({
  id: 'run-9-1-rollback',
  entityRef: A,
  environment: 'production',
  fromVersion: '1.2.0',
  toVersion: '1.1.0',
  startedAt: '2026-11-02T11:00:00Z',
  finishedAt: '2026-11-02T11:06:00Z',
  ...over,
});

describe('DatabaseDeploymentStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  it.each(databases.eachSupportedId())(
    'stores a replayed or concurrently repeated event once, %p',
    async id => {
      const store = await createStore(id);
      const batch = {
        deployments: [deployment(), deployment({ id: 'run-2-1-production' })],
        rollbacks: [rollback()],
      };
      const results = await Promise.all([
        store.recordEvents(batch),
        store.recordEvents(batch),
      ]);
      expect(results.map(r => r.stored).sort()).toEqual([0, 3]);
      expect(results.map(r => r.duplicates).sort()).toEqual([0, 3]);
      expect(await store.recordEvents(batch)).toEqual({
        stored: 0,
        duplicates: 3,
      });
      // the same id on another entity is another event
      expect(
        await store.recordEvents({
          deployments: [deployment({ entityRef: B })],
          rollbacks: [],
        }),
      ).toEqual({ stored: 1, duplicates: 0 });
      const listed = await store.listDeployments({
        entityRefs: [A],
        since: '2026-11-01T00:00:00Z',
      });
      expect(listed).toHaveLength(2);
      expect(listed[0]).toEqual({
        ...deployment(),
        commitAt: '2026-11-01T08:00:00.000Z',
        startedAt: '2026-11-02T10:00:00.000Z',
        finishedAt: '2026-11-02T10:20:00.000Z',
      });
      expect(
        await store.listRollbacks({
          entityRefs: [A, B],
          since: '2026-11-01T00:00:00Z',
          environment: 'production',
        }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'queries by time, environment and entity; demo flag, %p',
    async id => {
      const store = await createStore(id);
      await store.recordEvents({
        deployments: [
          deployment({ id: 'old', finishedAt: '2026-10-01T00:00:00Z' }),
          deployment({ id: 'stg', environment: 'staging' }),
          deployment({ id: 'new', finishedAt: '2026-11-03T00:00:00Z' }),
        ],
        rollbacks: [],
        demo: true,
      });
      const prod = await store.listDeployments({
        entityRefs: [A],
        since: '2026-10-15T00:00:00Z',
        until: '2026-11-04T00:00:00Z',
        environment: 'production',
      });
      expect(prod.map(d => d.id)).toEqual(['new']);
      expect(prod[0].demo).toBe(true);
      expect(await store.hasDemoEvents()).toBe(true);
      expect(
        await store.listEntityRefs({ since: '2026-10-15T00:00:00Z' }),
      ).toEqual([A]);
      const before = await store.latestDeploymentBefore({
        entityRef: A,
        at: '2026-11-02T23:00:00Z',
        environment: 'production',
      });
      expect(before?.id).toBe('old');
    },
  );

  it.each(databases.eachSupportedId())(
    'removes events older than the retention cutoff, %p',
    async id => {
      const store = await createStore(id);
      expect(await store.hasDemoEvents()).toBe(false);
      await store.recordEvents({
        deployments: [
          deployment({ id: 'old', finishedAt: '2025-01-01T00:00:00Z' }),
          deployment({ id: 'kept' }),
        ],
        rollbacks: [
          rollback({ id: 'old-rb', startedAt: '2025-01-01T00:00:00Z' }),
          rollback(),
        ],
      });
      expect(await store.deleteOlderThan('2026-01-01T00:00:00Z')).toBe(2);
      const left = await store.listDeployments({
        entityRefs: [A],
        since: '2000-01-01T00:00:00Z',
      });
      expect(left.map(d => d.id)).toEqual(['kept']);
      expect(
        await store.latestDeploymentBefore({
          entityRef: A,
          at: '2026-11-01T00:00:00Z',
        }),
      ).toBeUndefined();
    },
  );
});

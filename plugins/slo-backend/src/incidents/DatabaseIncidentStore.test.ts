import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentStore } from './IncidentStore';

jest.setTimeout(60_000);

/** Acknowledge, resolve and postmortem once each; repeats conflict, unknown ids are 404. */
async function expectTransitions(store: IncidentStore, id: string) {
  const acked = await store.acknowledgeIncident(id, '2026-01-01T00:05:00.000Z');
  expect(acked).toMatchObject({
    status: 'acknowledged',
    acknowledgedAt: '2026-01-01T00:05:00.000Z',
  });
  await expect(
    store.acknowledgeIncident(id, '2026-01-01T00:06:00.000Z'),
  ).rejects.toBeInstanceOf(ConflictError);
  const resolved = await store.resolveIncident(id, '2026-01-01T01:00:00.000Z');
  expect(resolved).toMatchObject({
    status: 'resolved',
    resolvedAt: '2026-01-01T01:00:00.000Z',
  });
  await expect(
    store.resolveIncident(id, '2026-01-01T02:00:00.000Z'),
  ).rejects.toBeInstanceOf(ConflictError);
  expect((await store.setPostmortem(id, 'https://docs/pm')).postmortemUrl).toBe(
    'https://docs/pm',
  );
  await expect(store.acknowledgeIncident('nope', 'x')).rejects.toBeInstanceOf(
    NotFoundError,
  );
  await expect(store.setPostmortem('nope', 'x')).rejects.toBeInstanceOf(
    NotFoundError,
  );
}

describe('DatabaseIncidentStore', () => {
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
    'creates, lists and transitions incidents, %p',
    async id => {
      const { store } = await createStore(id);
      const { incident, created } = await store.createIncident({
        entityRef: 'component:default/a',
        title: 'down',
        severity: 'P1',
        source: 'manual',
        startedAt: '2026-01-01T00:00:00.000Z',
        labels: { team: 'x' },
        description: 'details',
      });
      expect(created).toBe(true);
      expect(incident).toMatchObject({
        entityRef: 'component:default/a',
        status: 'triggered',
        labels: { team: 'x' },
        description: 'details',
      });
      await store.createIncident({
        entityRef: 'component:default/a',
        title: 'older',
        severity: 'P3',
        source: 'manual',
        startedAt: '2025-12-01T00:00:00.000Z',
        status: 'resolved',
        resolvedAt: '2025-12-01T01:00:00.000Z',
      });
      await store.createIncident({
        entityRef: 'component:default/b',
        title: 'other entity',
        severity: 'P3',
        source: 'manual',
        startedAt: '2026-01-01T00:00:00.000Z',
      });
      const list = await store.listIncidents({
        entityRef: 'component:default/a',
      });
      expect(list.map(i => i.title)).toEqual(['down', 'older']);
      expect(
        (
          await store.listIncidents({
            entityRef: 'component:default/a',
            since: '2025-12-15T00:00:00.000Z',
          })
        ).map(i => i.title),
      ).toEqual(['down']);

      await expectTransitions(store, incident.id);
      expect(await store.getIncident('nope')).toBeUndefined();
    },
  );
});

describe('DatabaseIncidentStore, part 2', () => {
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
    'is idempotent on external keys, %p',
    async id => {
      const { store } = await createStore(id);
      const input = {
        entityRef: 'component:default/a',
        title: 'alert',
        severity: 'P2' as const,
        source: 'alertmanager' as const,
        startedAt: '2026-01-01T00:00:00.000Z',
        externalKey: 'alertmanager:abc:2026-01-01T00:00:00.000Z',
      };
      const first = await store.createIncident(input);
      const [second, third] = await Promise.all([
        store.createIncident(input),
        store.createIncident(input),
      ]);
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(third.created).toBe(false);
      expect(second.incident.id).toBe(first.incident.id);
      expect(first.incident.externalId).toBe(input.externalKey);
      expect(
        await store.listIncidents({ entityRef: 'component:default/a' }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())('migrations roll back, %p', async id => {
    const { knex } = await createStore(id);
    await knex.migrate.rollback(
      {
        directory: require('node:path').resolve(__dirname, '../../migrations'),
      },
      true,
    );
    expect(await knex.schema.hasTable('slo_incidents')).toBe(false);
  });
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { EntityScorecard } from '@gatekeeper/plugin-scorecards-common';
import path from 'path';
import { DatabaseScorecardsStore } from './ScorecardsStore';

jest.setTimeout(60_000);

function scorecard(
  entityRef: string,
  over: Partial<EntityScorecard> = {},
  gates: Record<string, 'pass' | 'fail' | 'unknown'> = { a: 'pass', b: 'fail' },
): EntityScorecard {
  return {
    entityRef,
    verdict: 'at-risk',
    score: 83.3,
    level: 'bronze',
    evaluatedAt: '2026-11-24T10:00:00.000Z',
    policyVersion: 'v1',
    counts: { pass: 1, fail: 1, unknown: 0, stale: 0, waived: 0 },
    gates: Object.entries(gates).map(([gateId, status]) => ({
      gateId,
      title: gateId,
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      remediation: 'https://x',
      status,
      evidence: [],
    })),
    ...over,
  };
}

const meta = (owner: string, system?: string, domain?: string) => ({
  kind: 'Component',
  title: 'T',
  owner,
  system,
  domain,
});

describe('DatabaseScorecardsStore', () => {
  // SQLite always; PostgreSQL when a BACKSTAGE_TEST_DATABASE_POSTGRES<n>_
  // CONNECTION_STRING is set (no Docker), e.g. POSTGRES15 on 127.0.0.1:5432.
  const databases = TestDatabases.create({
    ids: [
      'SQLITE_3',
      'POSTGRES_13',
      'POSTGRES_14',
      'POSTGRES_15',
      'POSTGRES_16',
      'POSTGRES_17',
      'POSTGRES_18',
    ],
    disableDocker: true,
  });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'upserts and reads the latest facts, %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      await store.upsertFacts('component:default/a', [
        {
          factId: 'ci.coverage.lines',
          value: 70,
          observedAt: 1000,
          source: 'push:ci',
        },
        {
          factId: 'repo.flags',
          value: { x: [1, 'two'] },
          observedAt: 1000,
          source: 'p',
        },
      ]);
      await store.upsertFacts('component:default/a', [
        {
          factId: 'ci.coverage.lines',
          value: 85.5,
          observedAt: 2000,
          source: 'push:ci',
        },
      ]);
      await store.upsertFacts('component:default/b', [
        {
          factId: 'ci.coverage.lines',
          value: 10,
          observedAt: 3000,
          source: 'seed',
        },
      ]);
      await store.upsertFacts('component:default/b', []);
      const facts = await store.getFacts('component:default/a');
      expect(facts.get('ci.coverage.lines')).toEqual({
        value: 85.5,
        observedAt: 2000,
        observedAtIso: '1970-01-01T00:00:02.000Z',
        source: 'push:ci',
        evidence: 'observed',
      });
      expect(facts.get('repo.flags')?.value).toEqual({ x: [1, 'two'] });
      const [{ count }] = await knex('scorecards_facts').count({ count: '*' });
      expect(Number(count)).toBe(3);
      const all = await store.getAllFacts();
      expect([...all.keys()].sort()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(
        all.get('component:default/b')?.get('ci.coverage.lines')?.observedAt,
      ).toBe(3000);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes history only when the scorecard changes, %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const ref = 'component:default/a';
      expect(await store.getScorecard(ref)).toBeUndefined();
      expect(
        await store.saveScorecard({
          scorecard: scorecard(ref),
          signature: 's1',
          meta: meta('group:default/t'),
        }),
      ).toEqual({ changed: true });
      expect(
        await store.saveScorecard({
          scorecard: scorecard(ref, {
            evaluatedAt: '2026-11-24T11:00:00.000Z',
          }),
          signature: 's1',
          meta: meta('group:default/t'),
        }),
      ).toEqual({ changed: false });
      expect(
        await store.saveScorecard({
          scorecard: scorecard(
            ref,
            {
              verdict: 'ready',
              score: 100,
              level: undefined,
              evaluatedAt: '2026-11-24T12:00:00.000Z',
            },
            { a: 'pass', b: 'pass' },
          ),
          signature: 's2',
          meta: meta('group:default/t'),
        }),
      ).toEqual({ changed: true });
      const stored = await store.getScorecard(ref);
      expect(stored?.evaluatedAt).toBe('2026-11-24T12:00:00.000Z');
      const history = await store.getHistory(ref);
      expect(history).toEqual([
        {
          evaluatedAt: '2026-11-24T10:00:00.000Z',
          verdict: 'at-risk',
          score: 83.3,
          level: 'bronze',
          gates: { a: 'pass', b: 'fail' },
        },
        {
          evaluatedAt: '2026-11-24T12:00:00.000Z',
          verdict: 'ready',
          score: 100,
          level: undefined,
          gates: { a: 'pass', b: 'pass' },
        },
      ]);
      expect(await store.getHistory(ref, { limit: 1 })).toHaveLength(1);
      const statuses = await knex('scorecards_gate_status')
        .where({ entity_ref: ref })
        .orderBy('gate_id');
      expect(statuses.map(s => s.status)).toEqual(['pass', 'pass']);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists with filters and pagination, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const save = (
        name: string,
        owner: string,
        verdict: EntityScorecard['verdict'],
        gates: Record<string, 'pass' | 'fail'>,
        system?: string,
        domain?: string,
      ) =>
        store.saveScorecard({
          scorecard: scorecard(`component:default/${name}`, { verdict }, gates),
          signature: name,
          meta: meta(owner, system, domain),
        });
      await save(
        'a',
        'group:default/x',
        'ready',
        { g: 'pass' },
        'system:default/s1',
        'domain:default/d',
      );
      await save(
        'b',
        'group:default/y',
        'blocked',
        { g: 'fail' },
        'system:default/s1',
        'domain:default/d',
      );
      await save(
        'c',
        'group:default/y',
        'at-risk',
        { g: 'fail' },
        'system:default/s2',
      );
      const all = await store.listScorecards({}, { limit: 2, offset: 0 });
      expect(all.totalItems).toBe(3);
      expect(all.items.map(i => i.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(all.items[0]).toMatchObject({
        owner: 'group:default/x',
        system: 'system:default/s1',
        domain: 'domain:default/d',
        gates: { g: 'pass' },
        score: 83.3,
      });
      const page2 = await store.listScorecards({}, { limit: 2, offset: 2 });
      expect(page2.items.map(i => i.entityRef)).toEqual([
        'component:default/c',
      ]);
      const q = async (f: Parameters<typeof store.listScorecards>[0]) =>
        (await store.listScorecards(f, { limit: 10, offset: 0 })).items.map(
          i => i.entityRef.split('/')[1],
        );
      expect(await q({ owners: ['group:default/y'] })).toEqual(['b', 'c']);
      expect(await q({ system: 'system:default/s1' })).toEqual(['a', 'b']);
      expect(
        await q({ domain: 'domain:default/d', verdict: 'blocked' }),
      ).toEqual(['b']);
      expect(await q({ kind: 'component', level: 'bronze' })).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(await q({ gate: { gateId: 'g', status: 'fail' } })).toEqual([
        'b',
        'c',
      ]);
      expect(await q({ kind: 'API' })).toEqual([]);
      expect((await store.listAllSummaries()).map(s => s.verdict)).toEqual([
        'ready',
        'blocked',
        'at-risk',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes removed entities everywhere, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (const name of ['a', 'b']) {
        const ref = `component:default/${name}`;
        await store.upsertFacts(ref, [
          { factId: 'f', value: true, observedAt: 1, source: 's' },
        ]);
        await store.saveScorecard({
          scorecard: scorecard(ref),
          signature: 'x',
          meta: meta('group:default/t'),
        });
      }
      await store.upsertFacts('component:default/facts-only', [
        { factId: 'f', value: 1, observedAt: 1, source: 's' },
      ]);
      expect(await store.listEntityRefs()).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/facts-only',
      ]);
      await store.deleteEntities([
        'component:default/a',
        'component:default/facts-only',
      ]);
      expect(await store.listEntityRefs()).toEqual(['component:default/b']);
      expect((await store.getFacts('component:default/a')).size).toBe(0);
      expect(await store.getHistory('component:default/a')).toEqual([]);
      expect(await store.getScorecard('component:default/b')).toBeDefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'reserves idempotency keys per caller, once, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const reserve = (scope: string) =>
        store.idempotency.reserve({
          scope,
          key: 'k',
          operation: 'push-facts',
          requestHash: 'h1',
          leaseMs: 60_000,
        });
      const attempts = await Promise.all([reserve('a'), reserve('a')]);
      expect(attempts.filter(x => x.reserved)).toHaveLength(1);
      expect((await reserve('b')).reserved).toBe(true);
      expect(
        await store.idempotency.get({ scope: 'a', key: 'k' }),
      ).toMatchObject({ state: 'in-progress', requestHash: 'h1' });
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      const directory = path.resolve(__dirname, '../../migrations');
      expect(await knex.schema.hasTable('scorecards_history')).toBe(true);
      await knex.migrate.rollback({ directory }, true);
      for (const table of [
        'scorecards_facts',
        'scorecards_current',
        'scorecards_gate_status',
        'scorecards_history',
        'scorecards_push_requests',
        'scorecards_idempotency_keys',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );
});

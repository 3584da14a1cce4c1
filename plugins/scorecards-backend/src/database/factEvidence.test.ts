import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  EntityScorecard,
  GateFreshness,
} from '@gatekeeper/plugin-scorecards-common';
import { DatabaseScorecardsStore } from './ScorecardsStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-scorecards-backend',
  'migrations',
);

function scorecard(
  entityRef: string,
  freshness: Partial<GateFreshness>[],
): EntityScorecard {
  return {
    entityRef,
    verdict: 'ready',
    evaluatedAt: '2026-12-04T10:00:00.000Z',
    policyVersion: 'v1',
    counts: {
      pass: freshness.length,
      fail: 0,
      unknown: 0,
      stale: 0,
      waived: 0,
    },
    gates: freshness.map((f, i) => ({
      gateId: `g${i}`,
      title: `g${i}`,
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      remediation: 'https://x',
      status: 'pass',
      evidence: [],
      freshness: { kind: 'observed', sources: [], stale: false, ...f },
    })),
  };
}

describe('fact evidence and evidence counts', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
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
    'stores the evidence kind of facts and updates it, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const ref = 'component:default/ev';
      await store.upsertFacts(ref, [
        {
          factId: 'repo.workflow.lint',
          value: true,
          observedAt: 1000,
          source: 'provider:ci-workflows',
          evidence: 'configured',
        },
        { factId: 'ci.lint', value: 0, observedAt: 1000, source: 'push:ci' },
      ]);
      let facts = await store.getFacts(ref);
      expect(facts.get('repo.workflow.lint')?.evidence).toBe('configured');
      expect(facts.get('ci.lint')?.evidence).toBe('observed');
      await store.upsertFacts(ref, [
        {
          factId: 'repo.workflow.lint',
          value: true,
          observedAt: 2000,
          source: 'push:ci',
          evidence: 'observed',
        },
      ]);
      facts = await store.getFacts(ref);
      expect(facts.get('repo.workflow.lint')?.evidence).toBe('observed');
    },
  );

  it.each(databases.eachSupportedId())(
    'classifies old rows of the file providers as configured on migration, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      // roll back the later migrations one by one, then the evidence one
      for (let step = 0; step < 20; step++) {
        if (!(await knex.schema.hasColumn('scorecards_facts', 'evidence'))) {
          break;
        }
        await knex.migrate.down({ directory: migrationsDir });
      }
      expect(await knex.schema.hasColumn('scorecards_facts', 'evidence')).toBe(
        false,
      );
      const row = (factId: string, source: string) => ({
        entity_ref: 'component:default/old',
        fact_id: factId,
        value: 'true',
        observed_at: 1000,
        source,
        updated_at: 1000,
      });
      await knex('scorecards_facts').insert([
        row('repo.codeowners.present', 'provider:repo-files'),
        row('repo.workflow.sast', 'provider:ci-workflows'),
        row('service.health-check', 'provider:catalog-annotations'),
        row('ci.coverage.lines', 'push:ci'),
        row('scm.branch-protection.enabled', 'provider:github'),
      ]);
      await knex.migrate.latest({ directory: migrationsDir });
      const rows = await knex('scorecards_facts')
        .select('fact_id', 'evidence')
        .orderBy('fact_id');
      expect(
        Object.fromEntries(rows.map(r => [r.fact_id, r.evidence])),
      ).toEqual({
        'ci.coverage.lines': 'observed',
        'repo.codeowners.present': 'configured',
        'repo.workflow.sast': 'configured',
        'scm.branch-protection.enabled': 'observed',
        'service.health-check': 'configured',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts and filters entities by stale / configured evidence, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const meta = { kind: 'Component' };
      const save = (card: EntityScorecard) =>
        store.saveScorecard({ scorecard: card, signature: 's', meta });
      await save(scorecard('component:default/fresh', [{ kind: 'observed' }]));
      await save(
        scorecard('component:default/files', [
          { kind: 'configured' },
          { kind: 'configured' },
          { kind: 'observed' },
        ]),
      );
      await save(
        scorecard('component:default/old', [
          { kind: 'observed', stale: true },
          { kind: 'configured', stale: true },
        ]),
      );
      const page = { limit: 10, offset: 0 };
      const all = await store.listScorecards({}, page);
      expect(
        Object.fromEntries(all.items.map(i => [i.entityRef, i.evidence])),
      ).toEqual({
        'component:default/fresh': { stale: 0, configured: 0 },
        'component:default/files': { stale: 0, configured: 2 },
        'component:default/old': { stale: 2, configured: 1 },
      });
      const stale = await store.listScorecards({ evidence: 'stale' }, page);
      expect(stale.items.map(i => i.entityRef)).toEqual([
        'component:default/old',
      ]);
      expect(stale.totalItems).toBe(1);
      const configured = await store.listScorecards(
        { evidence: 'configured' },
        page,
      );
      expect(configured.items.map(i => i.entityRef)).toEqual([
        'component:default/files',
        'component:default/old',
      ]);
    },
  );
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { EntityScorecard } from '@gatekeeper/plugin-scorecards-common';
import { DatabaseScorecardsStore } from './ScorecardsStore';

jest.setTimeout(60_000);

const ref = 'component:default/replicated';
const meta = { kind: 'Component', owner: 'group:default/a' };

function scorecard(status: 'pass' | 'fail', evaluatedAt: number) {
  const card: EntityScorecard = {
    entityRef: ref,
    verdict: status === 'pass' ? 'ready' : 'blocked',
    score: status === 'pass' ? 100 : 0,
    evaluatedAt: new Date(evaluatedAt).toISOString(),
    policyVersion: 'v1',
    counts: { pass: 1, fail: 0, unknown: 0, stale: 0, waived: 0 },
    gates: [
      {
        gateId: 'g',
        title: 'g',
        severity: 'high',
        category: 'quality',
        level: 'bronze',
        remediation: 'https://x',
        status,
        evidence: [],
      },
    ],
  };
  return { scorecard: card, signature: status, meta };
}

// Two replicas saving the same entity at once (PostgreSQL: separate
// connections and transactions; SQLite serialises them).
describe('DatabaseScorecardsStore across replicas', () => {
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
    'records one history row for one change saved twice at once, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (let round = 0; round < 6; round++) {
        const status = round % 2 === 0 ? 'pass' : 'fail';
        const at = Date.parse('2026-12-01T00:00:00Z') + round * 1000;
        const results = await Promise.all([
          store.saveScorecard(scorecard(status, at)),
          store.saveScorecard(scorecard(status, at + 1)),
        ]);
        expect(results.filter(r => r.changed)).toHaveLength(1);
        expect(await store.getHistory(ref)).toHaveLength(round + 1);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the newer evaluation when an older one is saved after it, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const t = Date.parse('2026-12-01T00:00:00Z');
      await store.saveScorecard(scorecard('fail', t));
      // a push evaluated at t+2 s; a refresh that read the facts at t+1 s
      // (before the push) saves afterwards
      expect(await store.saveScorecard(scorecard('pass', t + 2000))).toEqual({
        changed: true,
      });
      expect(await store.saveScorecard(scorecard('fail', t + 1000))).toEqual({
        changed: false,
      });
      const current = await store.getScorecard(ref);
      expect(current?.verdict).toBe('ready');
      expect(current?.evaluatedAt).toBe(new Date(t + 2000).toISOString());
      expect((await store.getHistory(ref)).map(p => p.verdict)).toEqual([
        'blocked',
        'ready',
      ]);
      const [summary] = await store.listAllSummaries();
      expect(summary.gates).toEqual({ g: 'pass' });
    },
  );
});

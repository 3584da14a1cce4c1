import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { EntityScorecard } from '@gatekeeper/plugin-scorecards-common';
import { DatabaseScorecardsStore } from './ScorecardsStore';
import { parseTextQuery } from './overviewTextSearch';

jest.setTimeout(60_000);

function scorecard(entityRef: string): EntityScorecard {
  return {
    entityRef,
    verdict: 'ready',
    score: 100,
    level: 'gold',
    evaluatedAt: '2026-12-03T10:00:00.000Z',
    policyVersion: 'v1',
    counts: { pass: 1, fail: 0, unknown: 0, stale: 0, waived: 0 },
    gates: [],
  };
}

describe('parseTextQuery', () => {
  it('lower-cases, splits on whitespace and drops duplicates', () => {
    expect(parseTextQuery(undefined)).toEqual([]);
    expect(parseTextQuery('   ')).toEqual([]);
    expect(parseTextQuery(' Pay  PAY\tteam ')).toEqual(['pay', 'team']);
  });

  it('rejects over-long queries and too many terms', () => {
    expect(() => parseTextQuery('x'.repeat(201))).toThrow(InputError);
    expect(() => parseTextQuery('a b c d e f g h i')).toThrow(InputError);
  });
});

describe('overview free-text search (q)', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });

  async function seededStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    const rows: [
      string,
      string | undefined,
      string | undefined,
      string | undefined,
    ][] = [
      [
        'payments-service',
        'Payments API',
        'group:default/payments-team',
        'system:default/checkout',
      ],
      [
        'checkout-web',
        'Checkout Web',
        'group:default/web-team',
        'system:default/checkout',
      ],
      [
        'ledger_worker',
        '100% ledger',
        'group:default/payments-team',
        undefined,
      ],
      ['search-service', undefined, 'group:default/search-team', undefined],
    ];
    for (const [name, title, owner, system] of rows) {
      await store.saveScorecard({
        scorecard: scorecard(`component:default/${name}`),
        signature: name,
        meta: { kind: 'Component', title, owner, system },
      });
    }
    const names = async (q: string, page = { limit: 10, offset: 0 }) => {
      const result = await store.listScorecards({ q }, page);
      return {
        names: result.items.map(i => i.entityRef.split('/')[1]),
        total: result.totalItems,
      };
    };
    return { store, names };
  }

  it.each(databases.eachSupportedId())(
    'matches every term in ref, title, owner or system, case-insensitively, %p',
    async databaseId => {
      const { names } = await seededStore(databaseId);
      expect(await names('PAYMENTS')).toEqual({
        names: ['ledger_worker', 'payments-service'],
        total: 2,
      });
      // terms are ANDed, across columns
      expect((await names('payments checkout')).names).toEqual([
        'payments-service',
      ]);
      expect((await names('web team')).names).toEqual(['checkout-web']);
      expect((await names('nothing-like-this')).total).toBe(0);
      // a missing title does not hide the row
      expect((await names('search')).names).toEqual(['search-service']);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes LIKE wildcards and quotes literally, %p',
    async databaseId => {
      const { names } = await seededStore(databaseId);
      expect((await names('%')).names).toEqual(['ledger_worker']);
      expect((await names('_')).names).toEqual(['ledger_worker']);
      expect((await names('r_w')).names).toEqual(['ledger_worker']);
      expect((await names("' OR 1=1 --")).total).toBe(0);
      expect((await names('\\')).total).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages the matching rows and counts them all, %p',
    async databaseId => {
      const { names } = await seededStore(databaseId);
      expect(await names('service', { limit: 1, offset: 0 })).toEqual({
        names: ['payments-service'],
        total: 2,
      });
      expect(await names('service', { limit: 1, offset: 1 })).toEqual({
        names: ['search-service'],
        total: 2,
      });
    },
  );
});

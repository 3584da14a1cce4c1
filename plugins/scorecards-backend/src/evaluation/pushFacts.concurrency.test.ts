import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'POST /facts with one Idempotency-Key, 50 at once, on %p',
  databaseId => {
    it('runs the push exactly once, counted by fact writes', async () => {
      const { backend, knex } = await startScorecardsBackend({
        databases,
        databaseId,
        entities: [testComponent('svc')],
      });
      let factWrites = 0;
      knex.on('query', (query: { sql: string }) => {
        if (/^insert into [`"]?scorecards_facts/i.test(query.sql)) {
          factWrites++;
        }
      });
      try {
        const ci = mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('external:ci'),
          targetPluginId: 'scorecards',
        });
        const send = (key: string, coverage: number, token = ci) =>
          request(backend.server)
            .post('/api/scorecards/facts')
            .set('Authorization', `Bearer ${token}`)
            .set('Idempotency-Key', key)
            .send({
              entityRef: 'component:default/svc',
              facts: { 'ci.coverage.lines': coverage },
            });
        const results = await Promise.all(
          Array.from({ length: 50 }, () => send('run-42', 91)),
        );
        const statuses: Record<number, number> = {};
        for (const r of results)
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        // eslint-disable-next-line no-console
        console.log(
          `[concurrency ${databaseId}] POST /facts x50 one key: statuses ${JSON.stringify(
            statuses,
          )}, handler executions (fact inserts) ${factWrites}`,
        );
        expect(factWrites).toBe(1);
        expect(results.every(r => r.status === 200 || r.status === 409)).toBe(
          true,
        );
        const bodies = new Set(
          results
            .filter(r => r.status === 200)
            .map(r => JSON.stringify(r.body)),
        );
        expect(bodies.size).toBe(1);

        // Same key, different body: 409, nothing written.
        expect((await send('run-42', 10)).status).toBe(409);
        expect(factWrites).toBe(1);
        // Keys are per caller: a user with the same key runs their own push.
        const user = mockCredentials.user.token('user:default/alice');
        expect((await send('run-42', 92, user)).status).toBe(200);
        expect(factWrites).toBe(2);
        const [{ count }] = await knex('scorecards_idempotency_keys').count({
          count: '*',
        });
        expect(Number(count)).toBe(2);
      } finally {
        await backend.stop();
      }
    });
  },
);

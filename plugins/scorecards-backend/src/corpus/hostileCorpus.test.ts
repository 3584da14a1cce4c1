import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
} from '../__testUtils__/testBackend';
import { hostileCorpus, HostileRequest } from './hostileCorpus';

jest.setTimeout(180_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const TABLES = [
  'scorecards_facts',
  'scorecards_current',
  'scorecards_gate_status',
  'scorecards_history',
  'scorecards_idempotency_keys',
];

/** Rows per table, to prove that no bad request wrote anything. */
async function countRows(knex: Knex): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await knex(table).count({ count: '*' });
    result[table] = Number(count);
  }
  return result;
}

/**
 * Sends every request; lists 5xx answers, accepted bad POSTs and waivers a
 * validation route accepted (`valid` is the one request that may succeed).
 */
async function sendAll(
  corpus: HostileRequest[],
  send: (r: HostileRequest) => Promise<{ status: number; body: any }>,
  valid: HostileRequest,
) {
  const byClass: Record<string, number> = {};
  const serverErrors: string[] = [];
  for (const r of corpus) {
    const res = await send(r);
    const cls = `${Math.floor(res.status / 100)}xx`;
    byClass[cls] = (byClass[cls] ?? 0) + 1;
    if (res.status >= 500) serverErrors.push(`${r.name}: ${res.status}`);
    if (r.validates) {
      if (res.status !== 200 || res.body.active.length !== 0) {
        serverErrors.push(`${r.name}: waiver accepted`);
      }
    } else if (r.method === 'POST' && r !== valid && res.status < 300) {
      serverErrors.push(`${r.name}: accepted with ${res.status}`);
    }
  }
  return { byClass, serverErrors };
}

describe.each(databases.eachSupportedId())(
  'hostile-input corpus of the scorecards routes on %p',
  databaseId => {
    it('answers every bad request without a 5xx or a partial write', async () => {
      const { backend, knex } = await startScorecardsBackend({
        databases,
        databaseId,
        entities: [testComponent('svc')],
      });
      const auth = `Bearer ${mockCredentials.service.token()}`;
      const send = (r: HostileRequest) => {
        const base = request(backend.server);
        const path = `/api/scorecards${r.path}`;
        let req = r.method === 'GET' ? base.get(path) : base.post(path);
        req = req.set('Authorization', auth).set(r.headers ?? {});
        if (r.contentType) req = req.set('Content-Type', r.contentType);
        return r.body === undefined ? req : req.send(r.body);
      };
      const counts = () => countRows(knex);
      try {
        const valid = {
          name: 'valid push',
          method: 'POST' as const,
          path: '/facts',
          headers: { 'Idempotency-Key': 'ci-run-1' },
          body: {
            entityRef: 'component:default/svc',
            facts: { 'ci.coverage.lines': 90 },
          },
        };
        expect((await send(valid)).status).toBe(200);
        const before = await counts();

        const corpus: HostileRequest[] = [
          ...hostileCorpus(),
          // Duplicate deliveries: replays of the valid push and a reuse of
          // its key with another body.
          ...Array.from({ length: 5 }, () => valid),
          {
            ...valid,
            name: 'key reused with another body',
            body: { ...valid.body, facts: { 'ci.coverage.lines': 10 } },
          },
        ];
        const { byClass, serverErrors } = await sendAll(corpus, send, valid);
        // eslint-disable-next-line no-console
        console.log(
          `[corpus ${databaseId}] ${corpus.length} requests: ${JSON.stringify(
            byClass,
          )}`,
        );
        expect(corpus.length).toBeGreaterThanOrEqual(150);
        expect(serverErrors).toEqual([]);
        expect(byClass['5xx'] ?? 0).toBe(0);
        expect(await counts()).toEqual(before);

        // Still alive and serving.
        expect(
          (await send({ name: 'gates', method: 'GET', path: '/gates' })).status,
        ).toBe(200);
        const after = await send({
          ...valid,
          headers: { 'Idempotency-Key': 'ci-run-2' },
          body: { ...valid.body, facts: { 'ci.coverage.lines': 95 } },
        });
        expect(after.status).toBe(200);
        expect(after.body.scorecard.entityRef).toBe('component:default/svc');
      } finally {
        await backend.stop();
      }
    });
  },
);

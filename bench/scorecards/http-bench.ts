/*
 * Scorecards HTTP benchmark: p50/p95 of GET /entities/:namespace/:kind/:name
 * (stored scorecard) under 100 concurrent connections, on SQLite and on
 * PostgreSQL, against a peer route in the same server that evaluates on every
 * request the way Tech Insights' POST /checks/run/:namespace/:kind/:name does
 * (read the entity's facts from the database, run the jsonfc checker).
 * Run from the repository root:
 *
 *   yarn tsx bench/scorecards/http-bench.ts [seconds-per-run] [entities]
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432);
 * a temporary database is created and dropped. Set BENCH_POSTGRES_URL=skip to skip.
 */
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import autocannon from 'autocannon';
import express from 'express';
import { fork } from 'child_process';
import http from 'http';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'net';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { DatabaseScorecardsStore } from '../../plugins/scorecards-backend/src/database/ScorecardsStore';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { createRouter } from '../../plugins/scorecards-backend/src/service/router';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ScorecardsService } from '../../plugins/scorecards-backend/src/service/ScorecardsService';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { WaiversFile } from '../../plugins/scorecards-backend/src/evaluation/WaiversFile';
import {
  factIds,
  jsonfcChecks,
  noopLogger,
  prng,
  syntheticFacts,
  syntheticPolicy,
} from './synthetic';

const SERVING = process.argv[2] === '--serve';
const SECONDS = SERVING ? 0 : Number(process.argv[2] ?? 10);
const ENTITIES = Number((SERVING ? process.argv[5] : process.argv[3]) ?? 1000);
const CONNECTIONS = 100;
const PG_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

const entities = Array.from({ length: ENTITIES }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: `svc-${i}`, namespace: 'default', annotations: {} },
  spec: {
    type: 'service',
    owner: `group:default/team-${i % 20}`,
    system: `system:default/sys-${i % 50}`,
  },
}));
const byRef = new Map(
  entities.map(e => [`component:default/${e.metadata.name}`, e]),
);
const catalog: any = {
  getEntityByRef: async (ref: string) => byRef.get(ref),
  getEntities: async (request: any) => ({
    items: [request?.filter?.kind].flat().includes('Component') ? entities : [],
  }),
};
const credentials: any = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
};
const auditor: any = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function load(
  url: string,
  path: (i: number) => string,
  method: 'GET' | 'POST',
  duration: number = SECONDS,
) {
  const random = prng(7);
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method,
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          path: path(Math.floor(random() * ENTITIES)),
        }),
      },
    ],
  });
  instance.on(
    'response',
    (
      _client: unknown,
      statusCode: number,
      _bytes: number,
      responseTime: number,
    ) => {
      if (statusCode !== 200) errors++;
      latencies.push(responseTime);
    },
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors: errors + result.errors + result.timeouts,
  };
}

/** Seeds facts and stored scorecards (as the scheduled refresh would). */
async function seed(
  store: DatabaseScorecardsStore,
  service: ScorecardsService,
) {
  const random = prng(42);
  const now = Date.now();
  for (const entity of entities) {
    const ref = `component:default/${entity.metadata.name}`;
    const facts = syntheticFacts(random);
    await store.upsertFacts(
      ref,
      Object.entries(facts).map(([factId, value]) => ({
        factId,
        value,
        observedAt: now,
        source: 'bench',
      })),
    );
    await service.evaluateEntity(entity as any, {
      collect: false,
      trigger: 'schedule',
      systems: new Map(),
    });
  }
}

/** Peer: Tech Insights style evaluate-on-request over facts read from the DB. */
function peerChecker(store: DatabaseScorecardsStore) {
  const schema = Object.fromEntries(
    factIds().map(id => [id, { type: 'number', description: id }]),
  );
  return new JsonRulesEngineFactCheckerFactory({
    checks: jsonfcChecks('bench') as any,
    logger: noopLogger,
  }).construct({
    getLatestFactsByIds: async (_ids: string[], entity: string) => {
      const facts = await store.getFacts(entity);
      return {
        bench: {
          id: 'bench',
          entity: {},
          timestamp: new Date().toISOString(),
          version: '1',
          facts: Object.fromEntries([...facts].map(([k, v]) => [k, v.value])),
        },
      };
    },
    getLatestSchemas: async () => [schema],
  } as any);
}

/** Child process: seeds the database, serves, reports its port to the parent. */
async function serve(knex: Knex) {
  const store = await DatabaseScorecardsStore.create({
    database: { getClient: async () => knex } as any,
  });
  const policy = syntheticPolicy();
  const service = new ScorecardsService({
    policy,
    store,
    catalog,
    auth: { getOwnServiceCredentials: async () => credentials } as any,
    reader: {} as any,
    logger: noopLogger,
    auditor,
    providers: [],
    waiversFile: new WaiversFile(undefined, noopLogger),
    kinds: ['Component'],
  });
  await seed(store, service);
  const checker = peerChecker(store);

  const app = express();
  app.post('/peer/checks/run/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    res.json(await checker.runChecks(`${kind}:${namespace}/${name}`));
  });
  app.use(
    '/api/scorecards',
    await createRouter({
      service,
      httpAuth: { credentials: async () => credentials } as any,
      userInfo: {
        getUserInfo: async () => ({
          userEntityRef: 'user:default/bench',
          ownershipEntityRefs: [],
        }),
      },
      permissions: {
        authorize: async (r: unknown[]) => r.map(() => ({ result: 'ALLOW' })),
      } as any,
      auditor,
      logger: noopLogger,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  process.send!({ port: (server.address() as AddressInfo).port });
  process.on('message', () => process.exit(0));
}

async function runOn(
  name: string,
  client: 'sqlite' | 'postgres',
  connection: string,
) {
  const child = fork(
    __filename,
    ['--serve', client, connection, String(ENTITIES)],
    {
      execArgv: process.execArgv,
      stdio: 'inherit',
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: any) => resolve(m.port));
    child.once('exit', code => reject(new Error(`server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const oursPath = (i: number) =>
    `/api/scorecards/entities/default/component/svc-${i}`;
  const peerPath = (i: number) => `/peer/checks/run/default/component/svc-${i}`;
  // Unmeasured warm-up of both routes (JIT, connection pools).
  await load(base, oursPath, 'GET', 2);
  await load(base, peerPath, 'POST', 2);
  const ours = await load(
    base,
    i => `/api/scorecards/entities/default/component/svc-${i}`,
    'GET',
  );
  const peer = await load(
    base,
    i => `/peer/checks/run/default/component/svc-${i}`,
    'POST',
  );
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.send('stop');
  await exited;
  console.log(
    `${name.padEnd(10)} GET scorecard       p50 ${ours.p50.toFixed(
      1,
    )} ms  p95 ${ours.p95.toFixed(1)} ms  ${ours.rps} req/s  (${
      ours.requests
    } requests, ${ours.errors} errors)`,
  );
  console.log(
    `${name.padEnd(10)} peer run-on-request p50 ${peer.p50.toFixed(
      1,
    )} ms  p95 ${peer.p95.toFixed(1)} ms  ${peer.rps} req/s  (${
      peer.requests
    } requests, ${peer.errors} errors)`,
  );
  console.log(
    `${name.padEnd(10)} ratio peer/ours: p50 ${(peer.p50 / ours.p50).toFixed(
      1,
    )}x, p95 ${(peer.p95 / ours.p95).toFixed(1)}x, throughput ${(
      ours.rps / peer.rps
    ).toFixed(1)}x`,
  );
}

async function main() {
  if (process.argv[2] === '--serve') {
    const [, , , client, connection] = process.argv;
    const knex =
      client === 'sqlite'
        ? knexFactory({
            client: 'better-sqlite3',
            connection: { filename: ':memory:' },
            useNullAsDefault: true,
          })
        : knexFactory({ client: 'pg', connection, pool: { min: 0, max: 10 } });
    await serve(knex);
    return;
  }
  console.log(
    `${ENTITIES} entities x 30 gates, ${CONNECTIONS} connections, ${SECONDS}s per run (load generator and server in separate processes)`,
  );
  await runOn('sqlite', 'sqlite', ':memory:');

  if (PG_URL === 'skip') return;
  const database = `scorecards_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (error) {
    console.log(`postgres   skipped: ${(error as Error).message}`);
    await admin.destroy();
    return;
  }
  try {
    await runOn('postgres', 'postgres', `${PG_URL}/${database}`);
  } finally {
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

/*
 * Scale benchmark, end to end against the peer in the same run: a real
 * backend (catalog on PostgreSQL with N components, each with a repository
 * served by repoServer.ts through a UrlReader), then
 *   - Gatekeeper: cold refresh, warm refresh (nothing changed), a refresh
 *     with 1% of the repositories changed, CI pushes visible during a refresh;
 *   - Tech Insights backend + jsonfc: its fact retriever reading the same
 *     repositories (facts stored), then its checks run for every entity;
 *   - reads at the floor (readsBench.ts) unless BENCH_READS=0.
 * Usage: yarn tsx bench/scale/scale-bench.ts [N=10000]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knex from 'knex';
import {
  Api,
  freePort,
  RssSampler,
  startBackend,
  TOKEN,
  waitFor,
} from './benchClient';
import { benchJsonfcChecks, RETRIEVER_ID } from './benchPolicy';
import { runReads } from './readsBench';
import { startRepoServer } from './repoServer';
import { measurePushVisibility } from './pushVisibility';

const N = Number(process.argv[2] ?? 10000);
const PG =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const ROOT = path.resolve(__dirname, '../..');
const PREFIX = `gk_scale_${process.pid}_`;

function config(port: number) {
  const never = { cron: '0 0 1 1 *' };
  return {
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database: { client: 'pg', connection: PG, prefix: PREFIX },
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'bench' } },
        ],
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'Location'] }],
    },
    scorecards: {
      kinds: ['Component'],
      // No SLO backend in this backend (the peer does not ask one either).
      sloBackend: { enabled: false },
      concurrency: 4,
      schedule: { frequency: never, timeout: { hours: 2 } },
      rateLimit: { writesPerMinute: 10_000_000, burst: 100_000 },
    },
    techInsights: {
      factRetrievers: {
        [RETRIEVER_ID]: {
          cadence: '0 0 1 1 *',
          initialDelay: { seconds: 1 },
          timeout: { hours: 2 },
        },
      },
      factChecker: { checks: benchJsonfcChecks() },
    },
  };
}

/** The benchmark's databases (catalog, scorecards, tech-insights) in MB. */
async function databaseSizes(): Promise<Record<string, number>> {
  const db = knex({ client: 'pg', connection: PG });
  try {
    const rows: Array<{ datname: string; size: string }> = await db
      .select('datname', db.raw('pg_database_size(datname) as size'))
      .from('pg_database')
      .where('datname', 'like', `${PREFIX}%`);
    return Object.fromEntries(
      rows.map(r => [
        r.datname.slice(PREFIX.length),
        Number(r.size) / 1024 / 1024,
      ]),
    );
  } finally {
    await db.destroy();
  }
}

async function dropDatabases() {
  const db = knex({ client: 'pg', connection: PG });
  try {
    const rows: Array<{ datname: string }> = await db
      .select('datname')
      .from('pg_database')
      .where('datname', 'like', `${PREFIX}%`);
    for (const { datname } of rows) {
      await db.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await db.destroy();
  }
}

type Repos = Awaited<ReturnType<typeof startRepoServer>>;

/** Cold, warm and 1%-changed refreshes, with CI pushes during the cold one. */
async function gatekeeperRuns(api: Api, repos: Repos, rss: RssSampler) {
  rss.reset();
  repos.stats.full = 0;
  const push = measurePushVisibility(api, N);
  const cold = await api.runTask('scorecards', 'scorecards-refresh');
  const pushes = await push.stop();
  const coldRss = rss.peakMb();
  const coldReads = repos.stats.full;
  rss.reset();
  repos.stats.full = 0;
  repos.stats.notModified = 0;
  const warm = await api.runTask('scorecards', 'scorecards-refresh');
  const warmRss = rss.peakMb();
  const warmStats = { ...repos.stats };
  const changed = Math.max(1, Math.floor(N / 100));
  for (let i = 0; i < changed; i++) repos.bump(`svc-${i * 100}`);
  repos.stats.full = 0;
  const incremental = await api.runTask('scorecards', 'scorecards-refresh');
  return {
    cold,
    coldRss,
    coldReads,
    pushes,
    warm,
    warmRss,
    warmStats,
    changed,
    incremental,
    incrementalReads: repos.stats.full,
  };
}

/** The retriever run (facts read and stored), then the checks of all. */
async function techInsightsRuns(api: Api, repos: Repos, rss: RssSampler) {
  rss.reset();
  repos.stats.full = 0;
  const retrieve = await api.runTask('tech-insights', RETRIEVER_ID);
  const reads = repos.stats.full;
  const checkStart = performance.now();
  const results = await api.json<unknown[]>('/api/tech-insights/checks/run', {
    method: 'POST',
    body: JSON.stringify({ entities: [] }),
  });
  const checks = performance.now() - checkStart;
  return {
    retrieve,
    reads,
    checks,
    entities: results.length,
    total: retrieve + checks,
    rss: rss.peakMb(),
  };
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function report(
  print: (line: string) => void,
  gk: Awaited<ReturnType<typeof gatekeeperRuns>>,
  ti: Awaited<ReturnType<typeof techInsightsRuns>>,
  sizes: Record<string, number>,
) {
  print(
    `\n${N} components, 12 repository gates (+1 CI gate for Gatekeeper), concurrency 4, one backend process (PostgreSQL)`,
  );
  print(
    `gatekeeper cold refresh   : ${s(gk.cold)}  (${
      gk.coldReads
    } full tree reads, peak RSS ${mb(gk.coldRss)})`,
  );
  print(
    `gatekeeper warm refresh   : ${s(gk.warm)}  (${
      gk.warmStats.full
    } full reads, ${gk.warmStats.notModified} 304s, peak RSS ${mb(
      gk.warmRss,
    )})`,
  );
  print(
    `gatekeeper 1% changed     : ${s(gk.incremental)}  (${
      gk.incrementalReads
    } full reads for ${gk.changed} changed repositories)`,
  );
  print(
    `tech-insights + jsonfc    : ${s(ti.total)}  (retriever ${s(
      ti.retrieve,
    )} with ${ti.reads} full reads, checks of ${ti.entities} entities ${s(
      ti.checks,
    )}, peak RSS ${mb(ti.rss)})`,
  );
  print(`ratio TI / gatekeeper cold     : ${(ti.total / gk.cold).toFixed(1)}x`);
  print(`ratio TI / gatekeeper warm     : ${(ti.total / gk.warm).toFixed(1)}x`);
  print(
    `ratio TI / gatekeeper 1% change: ${(ti.total / gk.incremental).toFixed(
      1,
    )}x`,
  );
  print(`ratio gatekeeper cold / warm   : ${(gk.cold / gk.warm).toFixed(1)}x`);
  print(
    `database size: scorecards ${mb(sizes.scorecards)}, tech-insights ${mb(
      sizes['tech-insights'] ?? sizes.tech_insights,
    )}, catalog ${mb(sizes.catalog)}`,
  );
  print(
    `CI push visible in the scorecard during the cold refresh: ${gk.pushes}`,
  );
}

async function main() {
  const repos = await startRepoServer();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-scale-'));
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, JSON.stringify(config(port), null, 2));
  const logFile = path.join(dir, 'backend.log');
  const backend = startBackend({
    root: ROOT,
    configFile,
    logFile,
    env: { BENCH_N: String(N), BENCH_REPO_ORIGIN: repos.origin },
  });
  const rss = new RssSampler(backend.pid!);
  const api = new Api(`http://127.0.0.1:${port}`);
  const out: string[] = [];
  const print = (line: string) => {
    out.push(line);
    console.log(line);
  };
  try {
    const t0 = performance.now();
    await waitFor(
      `${N} components in the catalog (log: ${logFile})`,
      async () =>
        (
          await api.json<{ totalItems: number }>(
            '/api/catalog/entities/by-query?filter=kind=component&limit=1',
          )
        ).totalItems >= N,
      60 * 60 * 1000,
    );
    print(`catalog: ${N} components ingested in ${s(performance.now() - t0)}`);

    const gk = await gatekeeperRuns(api, repos, rss);
    const ti = await techInsightsRuns(api, repos, rss);
    const sizes = await databaseSizes();
    report(print, gk, ti, sizes);

    if (process.env.BENCH_READS !== '0') {
      for (const line of await runReads(api, N)) print(line);
    }
    fs.writeFileSync(path.join(dir, 'result.txt'), `${out.join('\n')}\n`);
    console.log(`\n(result and backend log in ${dir})`);
  } finally {
    rss.stop();
    backend.kill('SIGTERM');
    await new Promise(r => setTimeout(r, 2000));
    if (backend.exitCode === null) backend.kill('SIGKILL');
    await repos.close();
    await dropDatabases();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

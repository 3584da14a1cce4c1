/*
 * SLO refresh at scale with real I/O (issue 12 item 5). Backfills 30 days of
 * 5-minute counters for N services into a real Prometheus, then
 *   1. the first full refresh of N SLOs (one entity each, 30-day window):
 *      time, peak RSS, Prometheus HTTP queries and bytes; reports stored;
 *   2. N stored-report reads (no datasource query);
 *   3. one hour of new samples appended, the second refresh (only new
 *      buckets are fetched; the settled ones come from the bucket cache);
 *      results cross-checked against an uncached evaluation;
 *   4. the peer: the Sloth-style rules of `export/` for the same SLOs loaded
 *      into that Prometheus (rule group evaluation time from /api/v1/rules and
 *      prometheus_rule_group_last_duration_seconds) and the cost of reading
 *      the budget series.
 * Prints figures and ratios; nothing is asserted. Run from the repository root:
 *
 *   gk_yarn tsx bench/slo/scale-bench.ts [slos=1000] [days=30]
 *
 * The bucket cache and reports live in SQLite (a file), or in PostgreSQL when
 * BENCH_POSTGRES_URL is set (a temporary database is created and dropped).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';
import { SloDatasource } from '@gatekeeper/plugin-slo-node';
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { CachingDatasource } from '../../plugins/slo-backend/src/cache/CachingDatasource';
import { createSloStores } from '../../plugins/slo-backend/src/database/SloStores';
import { PrometheusClient } from '../../plugins/slo-backend/src/datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../../plugins/slo-backend/src/datasources/prometheus/PrometheusDatasource';
import { DEFAULT_POLICY } from '../../plugins/slo-backend/src/policy/errorBudgetPolicy';
import { refreshStoredReports } from '../../plugins/slo-backend/src/service/sloReportRefreshTask';
import { SloService } from '../../plugins/slo-backend/src/service/SloService';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import {
  backfillHistory,
  countingFetch,
  startPrometheus,
} from './scalePrometheus';
import { measured, openDatabase } from './scaleDatabase';
import { rulesPeer } from './scaleRulesPeer';

const N = Number(process.argv[2] ?? 1000);
const DAYS = Number(process.argv[3] ?? 30);
const RES = 300;
const NEW_BUCKETS = 12;
const OPENSLO = 'gatekeeper.dev/openslo';
const noop = () => {};
const logger: any = {
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  child: () => logger,
};

function sloYaml(i: number) {
  const sliced = i % 4 === 3;
  return `apiVersion: openslo/v1
kind: SLO
metadata: {name: avail}
spec:
  service: s${i}
  indicator:
    spec:
      ratioMetric:
        counter: true
        bad: {metricSource: {type: Prometheus, spec: {query: 'gk_requests_bad_total{svc="s${i}"}'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'gk_requests_total{svc="s${i}"}'}}}
  timeWindow: [{duration: ${DAYS}d, isRolling: true}]
  budgetingMethod: ${sliced ? 'Timeslices' : 'Occurrences'}
  objectives:
    - target: ${i % 2 ? 0.99 : 0.995}${
    sliced ? '\n      timeSliceTarget: 0.95\n      timeSliceWindow: 5m' : ''
  }
`;
}

const entities: Entity[] = Array.from({ length: N }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${i}`,
    namespace: 'default',
    annotations: { 'gatekeeper.dev/openslo': sloYaml(i) },
  },
  spec: {},
}));

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const out = (line: string) => process.stdout.write(`${line}\n`);

type Prometheus = Awaited<ReturnType<typeof startPrometheus>>;

/** What the phases share: Prometheus, counted queries, clock and stores. */
interface Bench {
  dir: string;
  tsdb: string;
  origin: number;
  lastK: number;
  prom: Prometheus;
  counting: ReturnType<typeof countingFetch>;
  clock: { now: number };
  stores: Awaited<ReturnType<typeof createSloStores>>;
  service: SloService;
  dbName: string;
}

function engine(b: Omit<Bench, 'service'>, datasource: SloDatasource) {
  return new SloService({
    catalog: catalogServiceMock({ entities }),
    urlReader: {} as any,
    datasource,
    incidents: b.stores.incidents,
    freezeOverrides: b.stores.freezeOverrides,
    reports: b.stores.reports,
    logger,
    policy: DEFAULT_POLICY,
    cacheTtlSeconds: 0,
    now: () => b.clock.now,
  });
}

/** The engine on the bucket cache; its datasource follows Prometheus restarts. */
function cachedEngine(b: Omit<Bench, 'service'>) {
  const datasource: SloDatasource = {
    name: 'prometheus',
    demo: false,
    fetchEvents: request =>
      new PrometheusDatasource(
        new PrometheusClient({
          baseUrl: b.prom.url,
          fetch: b.counting.fetch,
          timeoutMs: 60_000,
        }),
      ).fetchEvents(request),
  };
  return engine(
    b,
    new CachingDatasource({
      datasource,
      store: b.stores.buckets,
      logger,
      now: () => b.clock.now,
    }),
  );
}

async function refresh(b: Bench, label: string) {
  const before = { ...b.counting.counts };
  const run = await measured(() =>
    refreshStoredReports({
      entities,
      service: b.service,
      reports: b.stores.reports,
      logger,
      concurrency: 4,
      now: () => b.clock.now,
    }),
  );
  const queries = b.counting.counts.requests - before.requests;
  const bytes = b.counting.counts.bytes - before.bytes;
  const waitMs = b.counting.counts.ms - before.ms;
  const { stored, unchanged, failed } = run.value;
  out(
    `${label}: ${fmt(run.ms)}, peak RSS ${run.peakMb.toFixed(0)} MB, ` +
      `${queries} Prometheus queries, ${mb(
        bytes,
      )} read (summed wait for Prometheus ` +
      `${fmt(
        waitMs,
      )}, 4 at a time); reports ${stored} stored, ${unchanged} unchanged, ${failed} failed`,
  );
  return { ms: run.ms, queries, bytes };
}

async function storedReads(b: Bench) {
  const before = b.counting.counts.requests;
  const reads = await measured(async () => {
    let stored = 0;
    for (const entity of entities) {
      if ((await b.service.report(entity)).stored) stored++;
    }
    return stored;
  });
  out(
    `stored reads: ${reads.value}/${N} served stored in ${fmt(reads.ms)} (${(
      reads.ms / N
    ).toFixed(2)} ms each), ${
      b.counting.counts.requests - before
    } Prometheus queries`,
  );
}

async function appendNewBuckets(b: Bench) {
  await b.prom.stop();
  const appended = await backfillHistory({
    dir: b.dir,
    tsdb: b.tsdb,
    services: N,
    originSeconds: b.origin,
    resolution: RES,
    fromK: b.lastK + 1,
    toK: b.lastK + NEW_BUCKETS,
  });
  b.prom = await startPrometheus({ dir: b.dir, tsdb: b.tsdb });
  b.clock.now += NEW_BUCKETS * RES * 1000;
  out(
    `appended ${NEW_BUCKETS} new 5-minute buckets per series (${fmt(
      appended.promtoolMs,
    )} of promtool), Prometheus restarted on the TSDB`,
  );
}

/** The stored results equal an uncached evaluation of the whole window now. */
async function crossCheck(b: Bench) {
  const direct = engine(
    b,
    new PrometheusDatasource(
      new PrometheusClient({ baseUrl: b.prom.url, timeoutMs: 60_000 }),
    ),
  );
  const sample = entities.filter((_, i) => i % Math.ceil(N / 40) === 0);
  let maxDiff = 0;
  for (const entity of sample) {
    const a = await b.service.report(entity);
    const c = await direct.report(entity, { at: b.clock.now });
    if (!a.stored) throw new Error('stored report not served');
    a.slos.forEach((s, j) => {
      const d = s.errorBudget.remainingPercent;
      maxDiff = Math.max(
        maxDiff,
        Math.abs(d - c.slos[j].errorBudget.remainingPercent),
      );
    });
  }
  out(
    `cross-check on ${sample.length} SLOs: stored (incremental) vs uncached full evaluation, ` +
      `max |remaining % difference| ${maxDiff.toExponential(1)}`,
  );
}

async function peer(b: Bench, second: { ms: number }) {
  await b.prom.stop();
  const slos = entities.map((e, i) => ({
    slo: parseOpenSlo(e.metadata.annotations![OPENSLO]).slos[0],
    entityRef: `component:default/svc-${i}`,
  }));
  const p = await rulesPeer({
    dir: b.dir,
    tsdb: b.tsdb,
    slos,
    start: startPrometheus,
  });
  b.prom = p.prometheus;
  out(
    `peer (Sloth-style rules of export/, ${p.groups} rule groups, ${p.rules} rules): ` +
      `one evaluation round ${fmt(
        p.evaluationMs,
      )} of rule evaluation (/api/v1/rules ` +
      `evaluationTime; prometheus_rule_group_last_duration_seconds sum ${fmt(
        p.metricMs,
      )})`,
  );
  out(
    `peer budget read: one query for all ${N} budgets (${p.budgetSeries} series returned) ` +
      `${p.readAllMs.toFixed(1)} ms; ${N} per-SLO queries ${fmt(p.readEachMs)}`,
  );
  const rulesPerHour = 60 * p.evaluationMs;
  const enginePerHour = 12 * second.ms;
  out(
    `per hour at a 1-minute evaluation interval: rules ${fmt(
      rulesPerHour,
    )} of Prometheus time; ` +
      `engine refreshing every 5 minutes incrementally ${fmt(enginePerHour)} ` +
      `(rules / engine ${(rulesPerHour / enginePerHour).toFixed(1)}x)`,
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-scale-'));
  const tsdb = path.join(dir, 'tsdb');
  // Data up to 5 minutes ago (nothing else writes to this TSDB, so its head
  // block is empty): the rules of the peer evaluate at wall-clock time.
  const endSeconds = Math.floor(Date.now() / 1000 / RES) * RES - RES;
  const origin = endSeconds - DAYS * 86400;
  const lastK = (DAYS * 86400) / RES;
  out(
    `SLO refresh at scale (node ${process.version}, ${
      os.cpus().length
    } cores): ` + `${N} SLOs x ${DAYS} days of ${RES / 60}-minute samples`,
  );
  const history = await backfillHistory({
    dir,
    tsdb,
    services: N,
    originSeconds: origin,
    resolution: RES,
    fromK: 0,
    toK: lastK,
  });
  out(
    `backfill: ${history.lines.toLocaleString('en')} samples (${
      N * 2
    } series) in ` +
      `${fmt(history.promtoolMs)} of promtool (one run per 2h block)`,
  );
  const db = await openDatabase(dir);
  const partial = {
    dir,
    tsdb,
    origin,
    lastK,
    prom: await startPrometheus({ dir, tsdb }),
    counting: countingFetch(),
    clock: { now: endSeconds * 1000 + 30_000 },
    stores: await createSloStores({
      database: {
        getClient: async () => db.knex,
        migrations: { skip: false },
      } as any,
    }),
    dbName: db.name,
  };
  const b: Bench = { ...partial, service: cachedEngine(partial) };
  try {
    const first = await refresh(
      b,
      `first refresh (full ${DAYS} days, ${db.name})`,
    );
    await storedReads(b);
    await appendNewBuckets(b);
    const second = await refresh(b, 'second refresh (new buckets only)');
    const ratio = first.ms / second.ms;
    out(
      `first / second refresh: ${ratio.toFixed(1)}x the time (goal >= 10x: ${
        ratio >= 10 ? 'met' : 'NOT met'
      }), ${(first.bytes / second.bytes).toFixed(0)}x the bytes, ${(
        first.queries / Math.max(1, second.queries)
      ).toFixed(1)}x the queries`,
    );
    await crossCheck(b);
    await peer(b, second);
  } finally {
    await b.prom.stop();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

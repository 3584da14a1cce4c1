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
import knexFactory, { Knex } from 'knex';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';
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
import { rulesPeer } from './scaleRulesPeer';

const N = Number(process.argv[2] ?? 1000);
const DAYS = Number(process.argv[3] ?? 30);
const RES = 300;
const NEW_BUCKETS = 12;
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

/** Peak RSS (MB) sampled every 50 ms while `fn` runs. */
async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - started, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function openDatabase(
  dir: string,
): Promise<{ knex: Knex; close(): Promise<void>; name: string }> {
  const pg = process.env.BENCH_POSTGRES_URL;
  if (!pg) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'slo.sqlite') },
      useNullAsDefault: true,
    });
    return { knex, close: () => knex.destroy(), name: 'SQLite (file)' };
  }
  const admin = knexFactory({ client: 'pg', connection: pg });
  const db = `gk_slo_scale_${process.pid}`;
  await admin.raw(`CREATE DATABASE ${db}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${pg.replace(/\/$/, '')}/${db}`,
  });
  return {
    knex,
    name: 'PostgreSQL',
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${db}`);
      await admin.destroy();
    },
  };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const out = (line: string) => process.stdout.write(`${line}\n`);

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
    } cores): ${N} SLOs x ${DAYS} days of ${RES / 60}-minute samples`,
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
    } series) in ${fmt(history.promtoolMs)} of promtool (one run per 2h block)`,
  );
  let prom = await startPrometheus({ dir, tsdb });
  const db = await openDatabase(dir);
  try {
    const stores = await createSloStores({
      database: {
        getClient: async () => db.knex,
        migrations: { skip: false },
      } as any,
    });
    const counting = countingFetch();
    const client = () =>
      new PrometheusClient({
        baseUrl: prom.url,
        fetch: counting.fetch,
        timeoutMs: 60_000,
      });
    let prometheus = new PrometheusDatasource(client());
    const clock = { now: endSeconds * 1000 + 30_000 };
    const service = new SloService({
      catalog: catalogServiceMock({ entities }),
      urlReader: {} as any,
      datasource: new CachingDatasource({
        datasource: {
          name: 'prometheus',
          demo: false,
          fetchEvents: r => prometheus.fetchEvents(r),
        },
        store: stores.buckets,
        logger,
        now: () => clock.now,
      }),
      incidents: stores.incidents,
      freezeOverrides: stores.freezeOverrides,
      reports: stores.reports,
      logger,
      policy: DEFAULT_POLICY,
      cacheTtlSeconds: 0,
      now: () => clock.now,
    });
    const refresh = async (label: string) => {
      const before = { ...counting.counts };
      const run = await measured(() =>
        refreshStoredReports({
          entities,
          service,
          reports: stores.reports,
          logger,
          concurrency: 4,
          now: () => clock.now,
        }),
      );
      const queries = counting.counts.requests - before.requests;
      const waitMs = counting.counts.ms - before.ms;
      const bytes = counting.counts.bytes - before.bytes;
      const { stored, unchanged, failed } = run.value;
      out(
        `${label}: ${fmt(run.ms)}, peak RSS ${run.peakMb.toFixed(
          0,
        )} MB, ${queries} Prometheus queries, ${mb(
          bytes,
        )} read (summed wait for Prometheus ${fmt(
          waitMs,
        )}, 4 at a time); reports ${stored} stored, ${unchanged} unchanged, ${failed} failed`,
      );
      return { ms: run.ms, queries, bytes };
    };

    const first = await refresh(
      `first refresh (full ${DAYS} days, ${db.name})`,
    );
    const before = counting.counts.requests;
    const reads = await measured(async () => {
      let stored = 0;
      for (const entity of entities)
        if ((await service.report(entity)).stored) stored++;
      return stored;
    });
    out(
      `stored reads: ${reads.value}/${N} served stored in ${fmt(reads.ms)} (${(
        reads.ms / N
      ).toFixed(2)} ms each), ${
        counting.counts.requests - before
      } Prometheus queries`,
    );

    await prom.stop();
    const appended = await backfillHistory({
      dir,
      tsdb,
      services: N,
      originSeconds: origin,
      resolution: RES,
      fromK: lastK + 1,
      toK: lastK + NEW_BUCKETS,
    });
    prom = await startPrometheus({ dir, tsdb });
    prometheus = new PrometheusDatasource(client());
    clock.now += NEW_BUCKETS * RES * 1000;
    out(
      `appended ${NEW_BUCKETS} new 5-minute buckets per series (${fmt(
        appended.promtoolMs,
      )} of promtool), Prometheus restarted on the TSDB`,
    );
    const second = await refresh('second refresh (new buckets only)');
    out(
      `first / second refresh: ${(first.ms / second.ms).toFixed(
        1,
      )}x the time (goal >= 10x: ${
        first.ms / second.ms >= 10 ? 'met' : 'NOT met'
      }), ${(first.bytes / second.bytes).toFixed(0)}x the bytes, ${(
        first.queries / Math.max(1, second.queries)
      ).toFixed(1)}x the queries`,
    );

    // Cross-check: the stored results equal an uncached evaluation now.
    const direct = new SloService({
      catalog: catalogServiceMock({ entities }),
      urlReader: {} as any,
      datasource: new PrometheusDatasource(
        new PrometheusClient({ baseUrl: prom.url, timeoutMs: 60_000 }),
      ),
      incidents: stores.incidents,
      freezeOverrides: stores.freezeOverrides,
      logger,
      policy: DEFAULT_POLICY,
      cacheTtlSeconds: 0,
      now: () => clock.now,
    });
    let maxDiff = 0;
    for (const entity of entities.filter(
      (_, i) => i % Math.ceil(N / 40) === 0,
    )) {
      const [a, b] = await Promise.all([
        service.report(entity),
        direct.report(entity),
      ]);
      if (!a.stored) throw new Error('stored report not served');
      a.slos.forEach((s, j) => {
        maxDiff = Math.max(
          maxDiff,
          Math.abs(
            s.errorBudget.remainingPercent -
              b.slos[j].errorBudget.remainingPercent,
          ),
        );
      });
    }
    out(
      `cross-check on ${Math.min(
        40,
        N,
      )} SLOs: stored (incremental) vs uncached full evaluation, max |remaining % difference| ${maxDiff.toExponential(
        1,
      )}`,
    );

    await prom.stop();
    const slos = entities.map((e, i) => ({
      slo: parseOpenSlo(e.metadata.annotations!['gatekeeper.dev/openslo'])
        .slos[0],
      entityRef: `component:default/svc-${i}`,
    }));
    const peer = await rulesPeer({ dir, tsdb, slos, start: startPrometheus });
    prom = peer.prometheus;
    out(
      `peer (Sloth-style rules of export/, ${peer.groups} rule groups, ${
        peer.rules
      } rules): one evaluation round ${fmt(
        peer.evaluationMs,
      )} of rule evaluation (/api/v1/rules evaluationTime; prometheus_rule_group_last_duration_seconds sum ${fmt(
        peer.metricMs,
      )})`,
    );
    out(
      `peer budget read: one query for all ${N} budgets (${
        peer.budgetSeries
      } series returned) ${peer.readAllMs.toFixed(
        1,
      )} ms; ${N} per-SLO queries ${fmt(peer.readEachMs)}`,
    );
    out(
      `per hour at a 1-minute evaluation interval: rules ${fmt(
        60 * peer.evaluationMs,
      )} of Prometheus time; engine, refreshing every 5 minutes incrementally: ${fmt(
        12 * second.ms,
      )} (${((60 * peer.evaluationMs) / (12 * second.ms)).toFixed(1)}x less)`,
    );
  } finally {
    await prom.stop();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

/*
 * Helpers of scale-bench.ts: synthetic OpenMetrics history for N services,
 * `promtool tsdb create-blocks-from openmetrics`, and a real Prometheus on
 * that TSDB (same flags as scripts/slo-services.sh).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Requests per bucket of service `i`, and the bad ones in bucket `k`. */
export function traffic(i: number, k: number) {
  const total = 100 + (i % 50);
  // A steady trickle for some services, short bursts for others.
  let bad = i % 10 === 0 ? 2 : 0;
  if ((k + i * 37) % 2016 < 12) bad += 20 + (i % 7);
  return { total, bad };
}

/** promtool writes 2h blocks and rereads its whole input for each one. */
const BLOCK_SECONDS = 7200;

/**
 * Writes `gk_requests_total{svc}` and `gk_requests_bad_total{svc}` for
 * services 0..n-1, one sample every `resolution` seconds at buckets
 * `fromK..toK` (timestamps `originSeconds + k * resolution`; counters are
 * cumulative from k = 0), as one OpenMetrics file per 2h block, and backfills
 * each with `promtool tsdb create-blocks-from openmetrics` (one file holding
 * 30 days would be parsed 360 times). Returns lines written and the time of
 * the promtool runs alone.
 */
export async function backfillHistory(options: {
  dir: string;
  tsdb: string;
  services: number;
  originSeconds: number;
  resolution: number;
  fromK: number;
  toK: number;
}) {
  const { services, originSeconds, resolution, fromK, toK } = options;
  const families = ['gk_requests', 'gk_requests_bad'] as const;
  const value = families.map(() => new Float64Array(services));
  for (let i = 0; i < services; i++) {
    for (let k = 1; k < fromK; k++) {
      const t = traffic(i, k);
      value[0][i] += t.total;
      value[1][i] += t.bad;
    }
  }
  let lines = 0;
  let promtoolMs = 0;
  const file = path.join(options.dir, 'block.om');
  for (let k0 = fromK; k0 <= toK; ) {
    const ts0 = originSeconds + k0 * resolution;
    const blockEnd = (Math.floor(ts0 / BLOCK_SECONDS) + 1) * BLOCK_SECONDS;
    const k1 = Math.min(
      toK,
      Math.ceil((blockEnd - originSeconds) / resolution) - 1,
    );
    const parts: string[][] = families.map(f => [
      `# HELP ${f} Synthetic requests.\n# TYPE ${f} counter\n`,
    ]);
    for (let i = 0; i < services; i++) {
      const rows = families.map(() => [] as string[]);
      for (let k = k0; k <= k1; k++) {
        if (k > 0) {
          const t = traffic(i, k);
          value[0][i] += t.total;
          value[1][i] += t.bad;
        }
        const ts = originSeconds + k * resolution;
        families.forEach((f, j) =>
          rows[j].push(`${f}_total{svc="s${i}"} ${value[j][i]} ${ts}\n`),
        );
        lines += 2;
      }
      families.forEach((_, j) => parts[j].push(rows[j].join('')));
    }
    fs.writeFileSync(file, `${parts.map(p => p.join('')).join('')}# EOF\n`);
    promtoolMs += backfill(file, options.tsdb);
    k0 = k1 + 1;
  }
  fs.rmSync(file, { force: true });
  return { lines, promtoolMs };
}

export function backfill(file: string, tsdb: string) {
  const started = performance.now();
  execFileSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', '-q', file, tsdb],
    { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 },
  );
  return performance.now() - started;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningPrometheus {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts Prometheus on `tsdb`, optionally with a rules file; resolves when ready. */
export async function startPrometheus(options: {
  dir: string;
  tsdb: string;
  rulesFile?: string;
}): Promise<RunningPrometheus> {
  const config = path.join(options.dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    `global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n${
      options.rulesFile ? `rule_files:\n  - ${options.rulesFile}\n` : ''
    }`,
  );
  const port = await freePort();
  const log = fs.openSync(path.join(options.dir, 'prometheus.log'), 'a');
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${options.tsdb}`,
      '--storage.tsdb.retention.time=3650d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise(r => child.once('exit', r));
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('prometheus exited early');
    const ready = await fetch(`${url}/-/ready`).then(
      r => r.ok,
      () => false,
    );
    if (ready) {
      await waitForQuiet(url, startedAt);
      return { url, process: child, stop };
    }
    await new Promise(r => setTimeout(r, 200));
  }
  await stop();
  throw new Error('prometheus not ready');
}

async function metric(url: string, name: string): Promise<number> {
  const body = new URLSearchParams({ query: `sum(${name})` });
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
  const json = (await res.json()) as any;
  return Number(json.data.result[0]?.value[1] ?? 0);
}

/**
 * Waits until Prometheus has run its first compaction round (a minute after
 * start) and its block count and compactions have been stable for 10 s, so
 * that background compaction of the backfilled 2h blocks is not measured.
 */
export async function waitForQuiet(url: string, startedAt: number) {
  let last = '';
  for (;;) {
    await new Promise(r => setTimeout(r, 5000));
    const state = [
      await metric(url, 'prometheus_tsdb_blocks_loaded'),
      await metric(url, 'prometheus_tsdb_compactions_total'),
      await metric(url, 'prometheus_tsdb_compactions_triggered_total'),
    ].join('/');
    if (Date.now() - startedAt > 75_000 && state === last) return state;
    last = state;
  }
}

/** A `fetch` counting requests and response bytes (for PrometheusClient). */
export function countingFetch() {
  const counts = { requests: 0, bytes: 0, ms: 0 };
  const counted: typeof fetch = async (input, init) => {
    counts.requests++;
    const started = performance.now();
    const response = await fetch(input, init);
    const text = await response.text();
    counts.ms += performance.now() - started;
    counts.bytes += Buffer.byteLength(text);
    return new Response(text, {
      status: response.status,
      headers: response.headers,
    });
  };
  return { counts, fetch: counted };
}

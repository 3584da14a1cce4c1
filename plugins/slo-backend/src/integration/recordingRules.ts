import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { SloServices, waitFor } from './sloServices';

const run = promisify(execFile);

/** A recording rule as generated (alerting rules are left out). */
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** The recording rules of generated rule groups. */
export function recordingRules(groups: unknown[]): RecordingRule[] {
  return (groups as { rules: Record<string, unknown>[] }[])
    .flatMap(g => g.rules)
    .filter(
      (r): r is Record<string, unknown> & RecordingRule =>
        typeof r.record === 'string',
    );
}

/**
 * Orders rules into levels: a rule reading a series another rule records
 * comes one level after it. `promtool tsdb create-blocks-from rules` cannot
 * backfill a rule from series that are themselves being backfilled, so each
 * level is backfilled and loaded before the next.
 */
export function dependencyLevels(rules: RecordingRule[]): RecordingRule[][] {
  const names = new Set(rules.map(r => r.record));
  const reads = (r: RecordingRule) =>
    [...names].filter(
      n =>
        n !== r.record &&
        new RegExp(`(^|[^a-zA-Z0-9_:])${n}([^a-zA-Z0-9_:]|$)`).test(r.expr),
    );
  const level = new Map<string, number>();
  const levelOf = (name: string, seen: Set<string>): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) throw new Error(`recording rules loop at ${name}`);
    seen.add(name);
    const deps = rules.filter(r => r.record === name).flatMap(reads);
    const value = deps.length
      ? 1 + Math.max(...deps.map(d => levelOf(d, seen)))
      : 0;
    level.set(name, value);
    return value;
  };
  const out: RecordingRule[][] = [];
  for (const rule of rules) {
    const l = levelOf(rule.record, new Set());
    (out[l] ??= []).push(rule);
  }
  return out.filter(Boolean);
}

async function restartPrometheus(services: SloServices): Promise<string> {
  const pidFile = path.join(services.stateDir, 'prometheus.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await waitFor(
    async () => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    },
    { timeoutMs: 20_000, what: 'Prometheus to stop' },
  );
  const port = new URL(services.prometheusUrl).port;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${path.join(services.stateDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(services.stateDir, 'tsdb')}`,
      '--storage.tsdb.retention.time=3650d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  fs.writeFileSync(pidFile, String(child.pid));
  await waitFor(
    async () => {
      const res = await fetch(`${services.prometheusUrl}/-/ready`).catch(
        () => undefined,
      );
      return res?.ok ? true : undefined;
    },
    { timeoutMs: 30_000, what: 'Prometheus to be ready again' },
  );
  return services.prometheusUrl;
}

/**
 * Loads recording rules into the real Prometheus over its backfilled history:
 * each dependency level is evaluated by promtool against the running
 * Prometheus from `start` to `end` (Unix seconds) every `evalInterval`, the
 * blocks are moved into its TSDB, and Prometheus is restarted on the same
 * port so the next level (and the caller) reads them.
 */
export async function backfillRecordingRules(options: {
  services: SloServices;
  rules: RecordingRule[];
  start: number;
  end: number;
  evalInterval?: string;
}): Promise<{ levels: number }> {
  const { services } = options;
  const levels = dependencyLevels(options.rules);
  const tsdb = path.join(services.stateDir, 'tsdb');
  for (const [index, rules] of levels.entries()) {
    const dir = path.join(services.stateDir, `rules-${index}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'rules.yaml');
    fs.writeFileSync(
      file,
      stringify(
        { groups: [{ name: `level-${index}`, rules }] },
        { lineWidth: 0 },
      ),
    );
    const out = path.join(dir, 'blocks');
    await run(
      'promtool',
      [
        'tsdb',
        'create-blocks-from',
        'rules',
        `--start=${options.start}`,
        `--end=${options.end}`,
        `--url=${services.prometheusUrl}`,
        `--output-dir=${out}`,
        `--eval-interval=${options.evalInterval ?? '60s'}`,
        file,
      ],
      { timeout: 120_000 },
    );
    for (const block of fs.readdirSync(out)) {
      fs.renameSync(path.join(out, block), path.join(tsdb, block));
    }
    await restartPrometheus(services);
  }
  return { levels: levels.length };
}

/*
 * Engine vs Prometheus, same run, same data: starts the real Prometheus of
 * scripts/slo-services.sh (one backfilled day of 1-minute counters), then
 * for N SLOs (Occurrences, Timeslices 1m and 7m, RatioTimeslices 7m, several
 * targets) measures
 *   - the engine: query_range + computeSlo (what an SLO report does), and
 *   - the peer: Prometheus evaluating the generated SLI rule expression for
 *     the same range (an instant query, what a Sloth-style recording rule
 *     costs per evaluation),
 * and checks both give the same remaining budget (within 1e-6). Prints ratios
 * only; nothing is asserted about time. Run from the repository root:
 *
 *   gk_yarn tsx bench/slo/prometheus-peer-bench.ts [slos]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOpenSlo, ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import {
  computeSlo,
  toTimeslices,
} from '../../plugins/slo-backend/src/budgets/sloMath';
import { PrometheusClient } from '../../plugins/slo-backend/src/datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../../plugins/slo-backend/src/datasources/prometheus/PrometheusDatasource';
import { evaluationWindow } from '../../plugins/slo-backend/src/budgets/evaluationWindow';
import { sliErrorExpression } from '../../plugins/slo-backend/src/export/generateSlothRules';

const N = Number(process.argv[2] ?? 40);
const script = path.resolve(__dirname, '../../scripts/slo-services.sh');

const objectives = [
  ['Occurrences', 'target: 0.99'],
  [
    'Timeslices',
    'target: 0.9\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m',
  ],
  [
    'Timeslices',
    'target: 0.9\n      timeSliceTarget: 0.96\n      timeSliceWindow: 7m',
  ],
  ['RatioTimeslices', 'target: 0.99\n      timeSliceWindow: 7m'],
];

function slos(): ResolvedSlo[] {
  const docs = Array.from({ length: N }, (_, i) => {
    const [method, objective] = objectives[i % objectives.length];
    return `---
apiVersion: openslo/v1
kind: SLO
metadata: {name: slo-${i}}
spec:
  service: inttest-api
  indicator:
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: 'gk_http_requests_total{service="inttest-api",code!~"5.."}'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'gk_http_requests_total{service="inttest-api"}'}}}
  timeWindow: [{duration: 1d, isRolling: true}]
  budgetingMethod: ${method}
  objectives:
    - ${objective}
`;
  }).join('');
  const parsed = parseOpenSlo(docs);
  if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
  return parsed.slos;
}

async function instant(url: string, query: string, time: number) {
  const body = new URLSearchParams({ query, time: String(time) });
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
  const json = (await res.json()) as {
    data: { result: { value: [number, string] }[] };
  };
  return Number(json.data.result[0].value[1]);
}

async function main() {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-bench-'));
  const out = execFileSync('bash', [script, 'start', '--state-dir', state], {
    encoding: 'utf8',
  });
  const env = Object.fromEntries(
    out
      .split('\n')
      .filter(l => l.includes('='))
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  try {
    const url = env.PROMETHEUS_URL;
    const at = Number(env.SLO_DATA_END) * 1000;
    const ds = new PrometheusDatasource(new PrometheusClient({ baseUrl: url }));
    const list = slos();
    let engineMs = 0;
    let peerMs = 0;
    let maxDiff = 0;
    for (let round = 0; round < 2; round++) {
      engineMs = 0;
      peerMs = 0;
      for (const slo of list) {
        const win = evaluationWindow(slo, at);
        let t = performance.now();
        const raw = await ds.fetchEvents({ slo, entityRef: 'bench', ...win });
        const events =
          slo.budgetingMethod === 'Occurrences'
            ? raw
            : toTimeslices(raw, {
                sliceSeconds: slo.timeSliceWindowSeconds!,
                method: slo.budgetingMethod,
                sliceTarget: slo.timeSliceTarget,
              });
        const engine = computeSlo({
          series: events,
          target: slo.target,
          windowSeconds: win.windowSeconds,
        });
        engineMs += performance.now() - t;
        const range = (win.endMs - win.startMs) / 1000;
        const window =
          slo.budgetingMethod === 'Occurrences' ? `${range}s` : `${range - 1}s`;
        t = performance.now();
        const ratio = await instant(
          url,
          sliErrorExpression(slo, window),
          win.endMs / 1000,
        );
        peerMs += performance.now() - t;
        const diff = Math.abs(
          1 - ratio / (1 - slo.target) - engine.remainingPercent / 100,
        );
        maxDiff = Math.max(maxDiff, diff);
      }
    }
    process.stdout.write(
      [
        `SLO engine vs Prometheus (same run, ${list.length} SLOs over one backfilled day, second of two rounds)`,
        `engine (query_range + computeSlo) / Prometheus (instant evaluation of the rule expression): ${(
          engineMs / peerMs
        ).toFixed(2)}x the time`,
        `budgets agree: max |difference| ${maxDiff.toExponential(1)} (${
          maxDiff < 1e-6 ? 'within' : 'NOT within'
        } 1e-6)`,
        '',
      ].join('\n'),
    );
  } finally {
    execFileSync('bash', [script, 'stop', '--state-dir', state]);
    fs.rmSync(state, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

/*
 * The peer of scale-bench.ts: the same SLOs as Sloth-style recording rules
 * (generateSlothRules of slo-backend's export/) evaluated by Prometheus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { generateSlothRules } from '../../plugins/slo-backend/src/export/generateSlothRules';
import { RunningPrometheus, startPrometheus } from './scalePrometheus';

type RuleGroup = {
  name: string;
  evaluationTime: number;
  lastEvaluation: string;
  rules: unknown[];
};

async function api(url: string, pathAndQuery: string, body?: URLSearchParams) {
  const res = await fetch(
    `${url}${pathAndQuery}`,
    body ? { method: 'POST', body } : {},
  );
  return (await res.json()) as any;
}

/** Loads the rules, waits until every group has been evaluated, then measures. */
export async function rulesPeer(options: {
  dir: string;
  tsdb: string;
  slos: { slo: ResolvedSlo; entityRef: string }[];
  start: typeof startPrometheus;
}): Promise<{
  prometheus: RunningPrometheus;
  groups: number;
  rules: number;
  evaluationMs: number;
  metricMs: number;
  readAllMs: number;
  readEachMs: number;
  budgetSeries: number;
}> {
  const groups = options.slos.flatMap(s => generateSlothRules(s).groups);
  const rulesFile = path.join(options.dir, 'slo-rules.yml');
  fs.writeFileSync(
    rulesFile,
    stringify({ groups }, { lineWidth: 0, aliasDuplicateObjects: false }),
  );
  const started = Date.now();
  const prometheus = await options.start({
    dir: options.dir,
    tsdb: options.tsdb,
    rulesFile,
  });
  let loaded: RuleGroup[] = [];
  for (;;) {
    const json = await api(prometheus.url, '/api/v1/rules?type=record');
    loaded = json.data.groups as RuleGroup[];
    const done = loaded.filter(g => Date.parse(g.lastEvaluation) >= started);
    if (loaded.length && done.length === loaded.length) break;
    if (Date.now() - started > 15 * 60_000)
      throw new Error('rules not evaluated in 15 minutes');
    await new Promise(r => setTimeout(r, 2000));
  }
  // Budget series depend on series recorded by other groups: one more round.
  await new Promise(r => setTimeout(r, 65_000));
  const all = (await api(prometheus.url, '/api/v1/rules')).data
    .groups as RuleGroup[];
  const evaluationMs = all.reduce((sum, g) => sum + g.evaluationTime * 1000, 0);
  // Prometheus does not scrape itself here: read its own /metrics.
  const text = await (await fetch(`${prometheus.url}/metrics`)).text();
  const metricMs =
    text
      .split('\n')
      .filter(l => l.startsWith('prometheus_rule_group_last_duration_seconds{'))
      .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0) *
    1000;
  const query = (q: string) =>
    api(prometheus.url, '/api/v1/query', new URLSearchParams({ query: q }));
  let t = performance.now();
  const budgets = await query('slo:period_error_budget_remaining:ratio');
  const readAllMs = performance.now() - t;
  const budgetSeries = budgets.data.result.length as number;
  t = performance.now();
  for (const { slo } of options.slos) {
    await query(
      `slo:period_error_budget_remaining:ratio{sloth_service="${slo.service}"}`,
    );
  }
  const readEachMs = performance.now() - t;
  return {
    prometheus,
    groups: all.length,
    rules: all.reduce((sum, g) => sum + g.rules.length, 0),
    evaluationMs,
    metricMs,
    readAllMs,
    readEachMs,
    budgetSeries,
  };
}

import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { evaluationWindow } from '../budgets/evaluationWindow';
import { computeSlo, toTimeslices } from '../budgets/sloMath';
import { PrometheusClient } from '../datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../datasources/prometheus/PrometheusDatasource';

/**
 * What the plugin computes for `slo` at `atMs` from the real Prometheus
 * (`query_range` through its datasource, then the engine's math), with the
 * window it used.
 */
export async function engineBudget(options: {
  slo: ResolvedSlo;
  prometheusUrl: string;
  atMs: number;
}) {
  const { slo } = options;
  const win = evaluationWindow(slo, options.atMs);
  const datasource = new PrometheusDatasource(
    new PrometheusClient({ baseUrl: options.prometheusUrl, retries: 1 }),
  );
  const raw = await datasource.fetchEvents({
    slo,
    entityRef: 'component:default/inttest-api',
    ...win,
  });
  const events =
    slo.budgetingMethod === 'Occurrences'
      ? raw
      : toTimeslices(raw, {
          sliceSeconds: slo.timeSliceWindowSeconds!,
          method: slo.budgetingMethod,
          sliceTarget: slo.timeSliceTarget,
        });
  const result = computeSlo({
    series: events,
    target: slo.target,
    windowSeconds: win.windowSeconds,
  });
  return { result, window: win };
}

/** One value of an instant query (exactly one series expected). */
export async function instantValue(
  url: string,
  query: string,
  time: number,
): Promise<number> {
  const body = new URLSearchParams({ query, time: String(time) });
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
  const json = (await res.json()) as {
    status: string;
    error?: string;
    data: { result: { value: [number, string] }[] };
  };
  if (json.status !== 'success') throw new Error(json.error);
  if (json.data.result.length !== 1) {
    throw new Error(
      `${query} at ${time} gave ${json.data.result.length} series, not 1`,
    );
  }
  return Number(json.data.result[0].value[1]);
}

import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { evaluateSlo } from '../budgets/evaluateSlo';
import { PrometheusClient } from '../datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../datasources/prometheus/PrometheusDatasource';

/**
 * What the plugin computes for `slo` at `atMs` from the real Prometheus: its
 * own `evaluateSlo` (window, `query_range` through the datasource, budget).
 */
export async function engineBudget(options: {
  slo: ResolvedSlo;
  prometheusUrl: string;
  atMs: number;
}) {
  const datasource = new PrometheusDatasource(
    new PrometheusClient({ baseUrl: options.prometheusUrl, retries: 1 }),
  );
  const { status } = await evaluateSlo({
    slo: options.slo,
    entityRef: 'component:default/inttest-api',
    atMs: options.atMs,
    datasource,
  });
  return status.errorBudget;
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

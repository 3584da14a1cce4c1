import { parseOpenSlo, ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { computeSlo, toTimeslices } from '../budgets/sloMath';
import { PrometheusClient } from '../datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../datasources/prometheus/PrometheusDatasource';
import { evaluationWindow } from '../budgets/evaluationWindow';
import { sliErrorExpression } from '../export/generateSlothRules';
import { startSloServices, SloServices } from './sloServices';

const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
if (!enabled) {
  process.stderr.write(
    'SLO budget cross-check against real Prometheus SKIPPED because GATEKEEPER_SLO_INTEGRATION=0\n',
  );
}
const describeIntegration = enabled ? describe : describe.skip;
jest.setTimeout(90_000);

const indicator = `  indicator:
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: gk_http_requests_total{service="inttest-api",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: gk_http_requests_total{service="inttest-api"}
`;
const doc = (name: string, method: string, objective: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: "inttest \\"api\\""
${indicator}  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: ${method}
  objectives:
    - ${objective}
`;

/** The backfilled history of scripts/slo-services.sh: 1,440 minutes, 10% and 20% error hours, a counter reset. */
const slos = parseOpenSlo(
  [
    doc('occurrences', 'Occurrences', 'target: 0.99'),
    doc(
      'minutes',
      'Timeslices',
      'target: 0.9\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m',
    ),
    doc(
      'seven-minutes',
      'Timeslices',
      'target: 0.9\n      timeSliceTarget: 0.96\n      timeSliceWindow: 7m',
    ),
    doc(
      'ratio-seven',
      'RatioTimeslices',
      'target: 0.99\n      timeSliceWindow: 420',
    ),
  ].join(''),
);

async function instant(url: string, query: string, time: number) {
  const body = new URLSearchParams({ query, time: String(time) });
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
  const json = (await res.json()) as {
    status: string;
    error?: string;
    data: { result: { value: [number, string] }[] };
  };
  if (json.status !== 'success') throw new Error(json.error);
  expect(json.data.result).toHaveLength(1);
  return Number(json.data.result[0].value[1]);
}

describeIntegration('engine budgets vs Prometheus evaluating the rules', () => {
  let services: SloServices;
  beforeAll(async () => {
    services = await startSloServices({
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookToken: 'unused',
    });
  });
  afterAll(() => services?.stop());

  it('parses the cross-check SLOs (quoted service name included)', () => {
    expect(slos.errors).toEqual([]);
    expect(slos.slos.map(s => s.name)).toEqual([
      'occurrences',
      'minutes',
      'seven-minutes',
      'ratio-seven',
    ]);
  });

  it.each([0, 1, 2, 3])(
    'SLO #%i: remaining budget agrees within 1e-6',
    async index => {
      const slo: ResolvedSlo = slos.slos[index];
      const at = services.dataEnd * 1000;
      const win = evaluationWindow(slo, at);
      const datasource = new PrometheusDatasource(
        new PrometheusClient({ baseUrl: services.prometheusUrl, retries: 1 }),
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
      const engine = computeSlo({
        series: events,
        target: slo.target,
        windowSeconds: win.windowSeconds,
      });
      // The same range as the engine: the whole day for Occurrences, the
      // engine's complete slices (right-closed subquery range) otherwise.
      const rangeSeconds = (win.endMs - win.startMs) / 1000;
      const window =
        slo.budgetingMethod === 'Occurrences'
          ? `${rangeSeconds}s`
          : `${rangeSeconds - 1}s`;
      const errorRatio = await instant(
        services.prometheusUrl,
        sliErrorExpression(slo, window),
        win.endMs / 1000,
      );
      const prometheusRemaining = 1 - errorRatio / (1 - slo.target);
      expect(
        Math.abs(prometheusRemaining - engine.remainingPercent / 100),
      ).toBeLessThan(1e-6);
      // hand-computed: 1,800 bad of 144,000 at a 1% budget: -25%; 120 bad
      // minutes of 1,440 at a 10% slice budget: 16.67% left
      const expected: Record<number, number> = {
        0: -25,
        1: (1 - 120 / 144) * 100,
      };
      expect(
        expected[index] === undefined ||
          Math.abs(engine.remainingPercent - expected[index]) < 1e-9,
      ).toBe(true);
    },
  );
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';
import { generateSlothRules } from '../export/generateSlothRules';

const run = promisify(execFile);
const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
if (!enabled) {
  process.stderr.write(
    'promtool rule tests SKIPPED because GATEKEEPER_SLO_INTEGRATION=0\n',
  );
}
const describeIntegration = enabled ? describe : describe.skip;
jest.setTimeout(60_000);

const ENTITY = 'component:default/checkout';

const indicators: Record<string, string> = {
  ratio: `      ratioMetric:
        counter: true
        bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{job="checkout",code="500"}'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{job="checkout"}'}}}`,
  threshold: `      thresholdMetric:
        metricSource: {type: Prometheus, spec: {query: 'histogram_quantile(0.99, sum by (le) (rate(http_duration_seconds_bucket[5m])))'}}`,
  raw: `      ratioMetric:
        rawType: failure
        raw: {metricSource: {metricSourceRef: prom, spec: {query: 'job:error_ratio:rate5m{job="checkout"}'}}}`,
};

function sloFor(options: {
  window: string;
  method?: string;
  objective?: string;
  indicator?: string;
  service?: string;
}) {
  const text = `apiVersion: openslo/v1
kind: SLO
metadata: {name: availability}
spec:
  service: ${JSON.stringify(options.service ?? 'checkout')}
  indicator:
    spec:
${indicators[options.indicator ?? 'ratio']}
  timeWindow: [{duration: ${options.window}, isRolling: true}]
  budgetingMethod: ${options.method ?? 'Occurrences'}
  objectives:
    - ${options.objective ?? 'target: 0.999'}
`;
  const parsed = parseOpenSlo(text);
  expect(parsed.errors).toEqual([]);
  return parsed.slos[0];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-promtool-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/** SLO shapes whose generated rules `promtool check rules` must accept. */
const CHECK_CASES: [string, Parameters<typeof sloFor>[0]][] = [
  ['Occurrences ratio 30d', { window: '30d' }],
  ['Occurrences ratio 7d', { window: '7d' }],
  ['Occurrences ratio 1d', { window: '1d' }],
  [
    'Timeslices 7m slices',
    {
      window: '28d',
      method: 'Timeslices',
      objective:
        'target: 0.99\n      timeSliceTarget: 0.95\n      timeSliceWindow: 7m',
    },
  ],
  [
    'RatioTimeslices 1m slices',
    {
      window: '7d',
      method: 'RatioTimeslices',
      objective: 'target: 0.99\n      timeSliceWindow: 60',
    },
  ],
  [
    'threshold latency Occurrences',
    {
      window: '7d',
      indicator: 'threshold',
      objective: 'op: lte\n      value: 0.3\n      target: 0.99',
    },
  ],
  [
    'threshold latency Timeslices',
    {
      window: '7d',
      indicator: 'threshold',
      method: 'Timeslices',
      objective:
        'op: lt\n      value: 0.3\n      target: 0.99\n      timeSliceTarget: 0.9\n      timeSliceWindow: 5m',
    },
  ],
  ['raw failure ratio', { window: '30d', indicator: 'raw' }],
  [
    'service name with quote, backslash and {{',
    { window: '30d', service: 'we"ird\\svc {{x}}' },
  ],
];

const labels = {
  sloth_id: 'checkout-availability',
  sloth_service: 'checkout',
  sloth_slo: 'availability',
};
const expAlert = (severity: string) => ({
  exp_labels: {
    ...labels,
    sloth_severity: severity,
    severity,
    backstage_entity: ENTITY,
  },
  exp_annotations: {
    summary: 'availability of checkout is burning its error budget too fast',
    title: `(${severity}) checkout availability SLO error budget burn rate is too high`,
  },
});
const series = (ok: number, bad: number, minutes: number) => [
  {
    series: 'http_requests_total{job="checkout",code="200"}',
    values: `0+${ok}x${minutes}`,
  },
  {
    series: 'http_requests_total{job="checkout",code="500"}',
    values: `0+${bad}x${minutes}`,
  },
];

async function promtoolTest(window: string, target: string, tests: unknown[]) {
  const { yaml } = generateSlothRules({
    slo: sloFor({ window, objective: `target: ${target}` }),
    entityRef: ENTITY,
  });
  write('rules.yaml', yaml);
  const file = write(
    'tests.yaml',
    JSON.stringify({
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests,
    }),
  );
  const result = await run('promtool', ['test', 'rules', file]).catch(e => e);
  return `${result.stdout}${result.stderr ?? ''}`;
}

describeIntegration('generated rules in promtool', () => {
  it.each(CHECK_CASES)(
    'promtool check rules accepts: %s',
    async (_label, options) => {
      const { yaml } = generateSlothRules({
        slo: sloFor(options),
        entityRef: ENTITY,
      });
      const file = write('check.yaml', yaml);
      const check = await run('promtool', ['check', 'rules', file]).catch(
        e => e,
      );
      expect(`${check.stdout}${check.stderr ?? ''}`).toMatch(
        /SUCCESS: \d+ rules found/,
      );
    },
  );
});

describeIntegration('generated rules in promtool, part 2', () => {
  it('7d SLO, 1-minute scrapes: fast burn pages, slow burn only tickets', async () => {
    // 7d windows: page 5m/1h @14.4 and 5m/85m @6; ticket 30m/6h @3 and 85m/17h @1.
    const out = await promtoolTest('7d', '0.999', [
      {
        // 10% errors = 100x the 0.1% budget: page (and ticket) after 1h
        interval: '1m',
        input_series: series(900, 100, 120),
        alert_rule_test: [
          {
            eval_time: '30m',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [expAlert('page')],
          },
          {
            eval_time: '1h',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [expAlert('page')],
          },
          {
            eval_time: '1h',
            alertname: 'SloErrorBudgetBurnTicket',
            exp_alerts: [expAlert('ticket')],
          },
        ],
      },
      {
        // 0.4% errors = 4x: above the 3x ticket threshold, below 6x and 14.4x
        interval: '1m',
        input_series: series(996, 4, 480),
        alert_rule_test: [
          {
            eval_time: '7h',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [],
          },
          {
            eval_time: '7h',
            alertname: 'SloErrorBudgetBurnTicket',
            exp_alerts: [expAlert('ticket')],
          },
        ],
      },
      {
        // 0.05% errors = 0.5x: nothing fires
        interval: '1m',
        input_series: series(19990, 10, 240),
        alert_rule_test: [
          {
            eval_time: '3h',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [],
          },
          {
            eval_time: '3h',
            alertname: 'SloErrorBudgetBurnTicket',
            exp_alerts: [],
          },
        ],
      },
    ]);
    expect(out).toMatch(/SUCCESS/);
  });
});

describeIntegration('generated rules in promtool, part 3', () => {
  it('1d SLO: the 5m/1h page window fires with 1-minute scrapes', async () => {
    // 1d windows: page 5m/1h; 20% errors = 20x the 1% budget > 14.4x
    const out = await promtoolTest('1d', '0.99', [
      {
        interval: '1m',
        input_series: series(80, 20, 90),
        alert_rule_test: [
          {
            eval_time: '10m',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [expAlert('page')],
          },
          {
            eval_time: '80m',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [expAlert('page')],
          },
        ],
        promql_expr_test: [
          {
            expr: 'round(slo:sli_error:ratio_rate5m * 1e6) / 1e6',
            eval_time: '80m',
            exp_samples: [
              {
                labels:
                  '{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability", sloth_window="5m"}',
                value: 0.2,
              },
            ],
          },
        ],
      },
    ]);
    expect(out).toMatch(/SUCCESS/);
  });
});

describeIntegration('generated rules in promtool, part 4', () => {
  it('SloSliDataAbsent fires after 10m without SLI data, not before', async () => {
    const absent = {
      exp_labels: {
        ...labels,
        sloth_severity: 'ticket',
        severity: 'ticket',
        backstage_entity: ENTITY,
      },
      exp_annotations: {
        summary:
          'availability of checkout has no SLI data: its error budget cannot be computed',
        title: '(ticket) checkout availability SLO has no SLI data for 10m',
      },
    };
    const out = await promtoolTest('7d', '0.999', [
      {
        interval: '1m',
        input_series: [
          {
            series: 'http_requests_total{job="other",code="200"}',
            values: '0+1x60',
          },
        ],
        alert_rule_test: [
          { eval_time: '5m', alertname: 'SloSliDataAbsent', exp_alerts: [] },
          {
            eval_time: '15m',
            alertname: 'SloSliDataAbsent',
            exp_alerts: [absent],
          },
        ],
      },
      {
        interval: '1m',
        input_series: series(999, 1, 60),
        alert_rule_test: [
          { eval_time: '30m', alertname: 'SloSliDataAbsent', exp_alerts: [] },
        ],
      },
    ]);
    expect(out).toMatch(/SUCCESS/);
  });

  it('promtool test rules fails when an expected alert does not fire (the harness can fail)', async () => {
    const out = await promtoolTest('7d', '0.999', [
      {
        interval: '1m',
        input_series: series(19990, 10, 240),
        alert_rule_test: [
          {
            eval_time: '3h',
            alertname: 'SloErrorBudgetBurnPage',
            exp_alerts: [expAlert('page')],
          },
        ],
      },
    ]);
    expect(out).not.toMatch(/SUCCESS/);
    expect(out).toMatch(/FAILED/);
  });
});

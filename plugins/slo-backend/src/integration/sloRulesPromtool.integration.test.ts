import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';
import { generateSlothRules } from '../export/generateSlothRules';

const run = promisify(execFile);
const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
const describeIntegration = enabled ? describe : describe.skip;

jest.setTimeout(90_000);

const CHECKOUT_SLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: checkout
  indicator:
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="checkout",code="500"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="checkout"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

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
    backstage_entity: 'component:default/checkout',
  },
  exp_annotations: {
    summary: 'availability of checkout is burning its error budget too fast',
    title: `(${severity}) checkout availability SLO error budget burn rate is too high`,
  },
});

/** 10% errors = 100x the 0.1% budget: page and ticket alerts fire. */
const burningCase = {
  interval: '1m',
  input_series: [
    {
      series: 'http_requests_total{job="checkout",code="200"}',
      values: '0+540x240',
    },
    {
      series: 'http_requests_total{job="checkout",code="500"}',
      values: '0+60x240',
    },
  ],
  alert_rule_test: [
    {
      eval_time: '2h',
      alertname: 'SloErrorBudgetBurnPage',
      exp_alerts: [expAlert('page')],
    },
    {
      eval_time: '2h',
      alertname: 'SloErrorBudgetBurnTicket',
      exp_alerts: [expAlert('ticket')],
    },
  ],
  promql_expr_test: [
    {
      expr: 'slo:period_error_budget_remaining:ratio < bool 0',
      eval_time: '2h',
      exp_samples: [
        {
          labels: JSON.stringify({
            ...labels,
            sloth_window: '30d',
          }).replace(/"(\w+)":/g, '$1='),
          value: 1,
        },
      ],
    },
  ],
};

/** 0.05% errors = 0.5x: nothing fires. */
const quietCase = {
  interval: '1m',
  input_series: [
    {
      series: 'http_requests_total{job="checkout",code="200"}',
      values: '0+19990x240',
    },
    {
      series: 'http_requests_total{job="checkout",code="500"}',
      values: '0+10x240',
    },
  ],
  alert_rule_test: [
    {
      eval_time: '2h',
      alertname: 'SloErrorBudgetBurnPage',
      exp_alerts: [],
    },
    {
      eval_time: '2h',
      alertname: 'SloErrorBudgetBurnTicket',
      exp_alerts: [],
    },
  ],
};

describeIntegration(
  'SLO backend against real Prometheus and Alertmanager',
  () => {
    it('generates rules that promtool accepts and whose alerts fire as expected', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rules-'));
      try {
        const parsed = parseOpenSlo(CHECKOUT_SLO);
        const { yaml } = generateSlothRules({
          slo: parsed.slos[0],
          entityRef: 'component:default/checkout',
        });
        fs.writeFileSync(path.join(dir, 'rules.yaml'), yaml);
        const check = await run('promtool', [
          'check',
          'rules',
          path.join(dir, 'rules.yaml'),
        ]);
        expect(check.stdout).toMatch(/SUCCESS: 18 rules found/);
        const tests = {
          rule_files: ['rules.yaml'],
          evaluation_interval: '1m',
          tests: [burningCase, quietCase],
        };
        fs.writeFileSync(
          path.join(dir, 'tests.yaml'),
          JSON.stringify(tests, null, 2),
        );
        const result = await run('promtool', [
          'test',
          'rules',
          path.join(dir, 'tests.yaml'),
        ]).catch(e => e);
        expect(`${result.stdout}${result.stderr ?? ''}`).toMatch(/SUCCESS/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

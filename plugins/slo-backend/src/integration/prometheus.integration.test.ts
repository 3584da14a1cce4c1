import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  EntitySloReport,
  Incident,
  parseOpenSlo,
} from '@gatekeeper/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import { generateSlothRules } from '../export/generateSlothRules';
import {
  startRelay,
  startSloServices,
  SloServices,
  waitFor,
} from './sloServices';

const run = promisify(execFile);
const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
if (!enabled) {
  process.stderr.write(
    'SLO integration tests against real Prometheus/Alertmanager SKIPPED because GATEKEEPER_SLO_INTEGRATION=0\n',
  );
}
const describeIntegration = enabled ? describe : describe.skip;

jest.setTimeout(90_000);

const TOKEN = 'integration-webhook-token';
const ENTITY_REF = 'component:default/inttest-api';

const slo = (name: string, target: number) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: inttest-api
  indicator:
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
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;

const sliced = (name: string, method: string, objective: string) =>
  slo(name, 0)
    .replace('budgetingMethod: Occurrences', `budgetingMethod: ${method}`)
    .replace('- target: 0', objective);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'inttest-api',
    annotations: {
      'gatekeeper.dev/openslo':
        slo('strict', 0.99) +
        slo('relaxed', 0.98) +
        sliced(
          'minutes',
          'Timeslices',
          '- target: 0.9\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m',
        ) +
        sliced(
          'ratio-minutes',
          'RatioTimeslices',
          '- target: 0.99\n      timeSliceWindow: 1m',
        ),
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

describeIntegration(
  'SLO backend against real Prometheus and Alertmanager',
  () => {
    let services: SloServices;
    let backendUrl: string | undefined;
    let relay: { url: string; close(): Promise<void> };
    let backend: Awaited<ReturnType<typeof startTestBackend>>;

    beforeAll(async () => {
      relay = await startRelay(() => backendUrl);
      services = await startSloServices({
        webhookUrl: `${relay.url}/api/slo/alertmanager/webhook`,
        webhookToken: TOKEN,
      });
      backend = await startTestBackend({
        features: [
          sloPlugin,
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              slo: {
                datasource: 'prometheus',
                prometheus: { baseUrl: services.prometheusUrl, retries: 1 },
                alertmanager: { webhookToken: TOKEN },
              },
            },
          }),
        ],
      });
      const address = backend.server.address() as { port: number };
      backendUrl = `http://127.0.0.1:${address.port}`;
    });

    afterAll(async () => {
      await backend?.stop();
      await services?.stop();
      await relay?.close();
    });

    const at = () => new Date(services.dataEnd * 1000).toISOString();

    it('computes budgets, burn rates and forecasts from backfilled Prometheus data', async () => {
      const res = await request(backend.server)
        .get('/api/slo/entities/default/component/inttest-api/slos')
        .query({ at: at() });
      expect(res.status).toBe(200);
      const report = res.body as EntitySloReport;
      expect(report.errors).toEqual([]);
      expect(report.datasource).toEqual({ name: 'prometheus', demo: false });

      // 1,440 minutes x 100 requests; 60 min x 10 + 60 min x 20 bad requests.
      const strict = report.slos.find(s => s.name === 'strict')!;
      expect(strict.errorBudget.totalEvents).toBe(144_000);
      expect(strict.errorBudget.badEvents).toBe(1_800);
      expect(strict.attainment).toBeCloseTo(1 - 1_800 / 144_000, 12);
      expect(strict.errorBudget.total).toBeCloseTo(1_440, 9); // 1% of 144,000
      expect(strict.errorBudget.remaining).toBeCloseTo(-360, 9);
      expect(strict.errorBudget.remainingPercent).toBeCloseTo(-25, 9);
      expect(strict.exhaustion.timeToExhaustionSeconds).toBe(0);
      // Last hour: error ratio 0.2 = 20x the 1% budget; windows scaled to 1d
      // and kept >= the 5m evaluation resolution (long = 12 x short).
      expect(
        strict.burnRateAlerts.map(a => [a.longWindow, a.shortWindow]),
      ).toEqual([
        ['1h', '5m'],
        ['1h', '5m'],
        ['1h', '5m'],
        ['145m', '10m'],
      ]);
      expect(strict.burnRateAlerts[0].longBurnRate).toBeCloseTo(20, 9);
      // 145 minutes: 1,200 bad of 14,500
      expect(strict.burnRateAlerts[3].longBurnRate).toBeCloseTo(
        1_200 / 14_500 / 0.01,
        9,
      );
      expect(strict.burnRateAlerts.every(a => a.firing)).toBe(true);
      expect(
        strict.series[strict.series.length - 1].remainingPercent,
      ).toBeCloseTo(-25, 9);

      const relaxed = report.slos.find(s => s.name === 'relaxed')!;
      expect(relaxed.errorBudget.total).toBeCloseTo(2_880, 9);
      expect(relaxed.errorBudget.remaining).toBeCloseTo(1_080, 9);
      expect(relaxed.errorBudget.remainingPercent).toBeCloseTo(37.5, 9);
      // burn rate over the last hour: 0.2 / 0.02 = 10 -> 0.375 * 86400 s / 10
      expect(relaxed.exhaustion.burnRate).toBeCloseTo(10, 9);
      expect(relaxed.exhaustion.timeToExhaustionSeconds).toBeCloseTo(3_240, 6);
      expect(relaxed.burnRateAlerts.map(a => a.firing)).toEqual([
        false,
        true,
        true,
        true,
      ]);

      // Timeslices: a minute is good when >= 95% of its requests are; minutes
      // 600-659 (90%) and 1380-1439 (80%) are bad: 120 of 1,440 slices.
      const minutes = report.slos.find(s => s.name === 'minutes')!;
      expect(minutes.budgetingMethod).toBe('Timeslices');
      expect(minutes.errorBudget.totalEvents).toBe(1_440);
      expect(minutes.errorBudget.badEvents).toBe(120);
      expect(minutes.errorBudget.total).toBeCloseTo(144, 9);
      expect(minutes.errorBudget.remainingPercent).toBeCloseTo(
        (24 / 144) * 100,
        9,
      );
      expect(minutes.attainment).toBeCloseTo(1_320 / 1_440, 12);
      // RatioTimeslices: slices contribute their ratio: 60 x 0.1 + 60 x 0.2 = 18 bad.
      const ratio = report.slos.find(s => s.name === 'ratio-minutes')!;
      expect(ratio.errorBudget.badEvents).toBeCloseTo(18, 9);
      expect(ratio.errorBudget.total).toBeCloseTo(14.4, 9);
      expect(ratio.errorBudget.remainingPercent).toBeCloseTo(-25, 9);
      expect(ratio.attainment).toBeCloseTo(1 - 18 / 1_440, 12);

      expect(report.freeze.frozen).toBe(true);
      expect(report.freeze.reasons.join()).toContain('strict');
    });

    it('denies normal changes on the exhausted budget and allows security fixes', async () => {
      const ref = encodeURIComponent(ENTITY_REF);
      const deny = await request(backend.server).get(`/api/slo/gate/${ref}`);
      expect(deny.status).toBe(200);
      expect(deny.body.decision).toBe('deny');
      expect(deny.body.slos).toBe(4);
      const allow = await request(backend.server).get(
        `/api/slo/gate/${ref}?change=security`,
      );
      expect(allow.body.decision).toBe('allow');
    });

    it('attributes budget to an incident and requires a postmortem', async () => {
      const start = services.dataStart * 1000;
      const created = await request(backend.server)
        .post('/api/slo/incidents')
        .send({
          entityRef: ENTITY_REF,
          title: 'elevated 5xx',
          severity: 'P2',
          startedAt: new Date(start + 600 * 60_000).toISOString(),
        });
      expect(created.status).toBe(201);
      await request(backend.server)
        .post(`/api/slo/incidents/${created.body.id}/resolve`)
        .send({ at: new Date(start + 660 * 60_000).toISOString() })
        .expect(200);
      const res = await request(backend.server)
        .get('/api/slo/entities/default/component/inttest-api/incidents')
        .query({ at: at() });
      const incident = (res.body.items as Incident[]).find(
        i => i.id === created.body.id,
      )!;
      // 600 bad requests during the incident / 1,440 budget of the strict SLO.
      expect(incident.budgetConsumedPercent).toBeCloseTo(
        (600 / 1_440) * 100,
        9,
      );
      expect(res.body.stats.mttrSeconds).toBeGreaterThan(0);
      const report = await request(backend.server)
        .get('/api/slo/entities/default/component/inttest-api/slos')
        .query({ at: at() });
      expect(report.body.freeze.postmortemRequired).toEqual([
        {
          incidentId: created.body.id,
          percent: expect.closeTo((600 / 1_440) * 100, 9),
        },
      ]);
    });

    it('receives real Alertmanager webhooks: firing creates, resolved resolves the incident', async () => {
      const startsAt = new Date(Date.now() - 60_000).toISOString();
      const alert = {
        labels: {
          alertname: 'InttestBurn',
          backstage_entity: ENTITY_REF,
          severity: 'critical',
        },
        annotations: { summary: 'inttest-api is burning its budget' },
        startsAt,
      };
      const push = async (body: unknown) => {
        const r = await fetch(`${services.alertmanagerUrl}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(r.status).toBe(200);
      };
      const find = async () => {
        const res = await request(backend.server).get(
          '/api/slo/entities/default/component/inttest-api/incidents',
        );
        return (res.body.items as Incident[]).find(
          i =>
            i.source === 'alertmanager' &&
            i.title === 'inttest-api is burning its budget',
        );
      };
      await push([alert]);
      const firing = await waitFor(find, {
        timeoutMs: 30_000,
        what: 'incident from Alertmanager',
      });
      expect(firing.status).toBe('triggered');
      expect(firing.severity).toBe('P1');
      expect(firing.startedAt).toBe(startsAt);

      await push([{ ...alert, endsAt: new Date().toISOString() }]);
      const resolved = await waitFor(
        async () => {
          const i = await find();
          return i?.status === 'resolved' ? i : undefined;
        },
        { timeoutMs: 30_000, what: 'incident resolved by Alertmanager' },
      );
      expect(resolved.id).toBe(firing.id);
      const all = await request(backend.server).get(
        '/api/slo/entities/default/component/inttest-api/incidents',
      );
      expect(
        (all.body.items as Incident[]).filter(i => i.source === 'alertmanager'),
      ).toHaveLength(1);
    });

    it('generates rules that promtool accepts and whose alerts fire as expected', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rules-'));
      try {
        const parsed = parseOpenSlo(`apiVersion: openslo/v1
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
`);
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
            summary:
              'availability of checkout is burning its error budget too fast',
            title: `(${severity}) checkout availability SLO error budget burn rate is too high`,
          },
        });
        // 10% errors = 100x the 0.1% budget: page and ticket alerts fire.
        // 0.05% errors = 0.5x: nothing fires.
        const tests = {
          rule_files: ['rules.yaml'],
          evaluation_interval: '1m',
          tests: [
            {
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
            },
            {
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
            },
          ],
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

    it('serves the rules of an entity SLO as YAML', async () => {
      const res = await request(backend.server).get(
        '/api/slo/entities/default/component/inttest-api/slos/strict/rules',
      );
      expect(res.status).toBe(200);
      expect(res.text).toContain('slo:period_error_budget_remaining:ratio');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rules-'));
      try {
        fs.writeFileSync(path.join(dir, 'rules.yaml'), res.text);
        const check = await run('promtool', [
          'check',
          'rules',
          path.join(dir, 'rules.yaml'),
        ]);
        expect(check.stdout).toMatch(/SUCCESS/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

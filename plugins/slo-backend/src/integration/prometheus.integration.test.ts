import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { EntitySloReport, Incident } from '@gatekeeper/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from '../plugin';
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

/** The servers of the suite, set in `beforeAll`. */
interface IntegrationEnv {
  services: SloServices;
  backend: Awaited<ReturnType<typeof startTestBackend>>;
}

const at = (env: IntegrationEnv) =>
  new Date(env.services.dataEnd * 1000).toISOString();

/** 1,440 minutes x 100 requests; 60 min x 10 + 60 min x 20 bad requests. */
function expectStrict(report: EntitySloReport) {
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
  expect(strict.burnRateAlerts.map(a => [a.longWindow, a.shortWindow])).toEqual(
    [
      ['1h', '5m'],
      ['1h', '5m'],
      ['1h', '5m'],
      ['145m', '10m'],
    ],
  );
  expect(strict.burnRateAlerts[0].longBurnRate).toBeCloseTo(20, 9);
  // 145 minutes: 1,200 bad of 14,500
  expect(strict.burnRateAlerts[3].longBurnRate).toBeCloseTo(
    1_200 / 14_500 / 0.01,
    9,
  );
  expect(strict.burnRateAlerts.every(a => a.firing)).toBe(true);
  expect(strict.series[strict.series.length - 1].remainingPercent).toBeCloseTo(
    -25,
    9,
  );
}

function expectRelaxed(report: EntitySloReport) {
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
}

function expectTimeslices(report: EntitySloReport) {
  // Timeslices: a minute is good when >= 95% of its requests are; minutes
  // 600-659 (90%) and 1380-1439 (80%) are bad: 120 of 1,440 slices.
  const minutes = report.slos.find(s => s.name === 'minutes')!;
  expect(minutes.budgetingMethod).toBe('Timeslices');
  expect(minutes.errorBudget.totalEvents).toBe(1_440);
  expect(minutes.errorBudget.badEvents).toBe(120);
  expect(minutes.errorBudget.total).toBeCloseTo(144, 9);
  expect(minutes.errorBudget.remainingPercent).toBeCloseTo((24 / 144) * 100, 9);
  expect(minutes.attainment).toBeCloseTo(1_320 / 1_440, 12);
  // RatioTimeslices: slices contribute their ratio: 60 x 0.1 + 60 x 0.2 = 18 bad.
  const ratio = report.slos.find(s => s.name === 'ratio-minutes')!;
  expect(ratio.errorBudget.badEvents).toBeCloseTo(18, 9);
  expect(ratio.errorBudget.total).toBeCloseTo(14.4, 9);
  expect(ratio.errorBudget.remainingPercent).toBeCloseTo(-25, 9);
  expect(ratio.attainment).toBeCloseTo(1 - 18 / 1_440, 12);
}

async function computesBudgets(env: IntegrationEnv) {
  const res = await request(env.backend.server)
    .get('/api/slo/entities/default/component/inttest-api/slos')
    .query({ at: at(env) });
  expect(res.status).toBe(200);
  const report = res.body as EntitySloReport;
  expect(report.errors).toEqual([]);
  expect(report.datasource).toEqual({ name: 'prometheus', demo: false });

  expectStrict(report);
  expectRelaxed(report);
  expectTimeslices(report);
  expect(report.freeze.frozen).toBe(true);
  expect(report.freeze.reasons.join()).toContain('strict');
}

async function deniesOnExhaustedBudget(env: IntegrationEnv) {
  const ref = encodeURIComponent(ENTITY_REF);
  const deny = await request(env.backend.server).get(`/api/slo/gate/${ref}`);
  expect(deny.status).toBe(200);
  expect(deny.body.decision).toBe('deny');
  expect(deny.body.slos).toBe(4);
  const allow = await request(env.backend.server).get(
    `/api/slo/gate/${ref}?change=security`,
  );
  expect(allow.body.decision).toBe('allow');
}

async function attributesBudgetToIncident(env: IntegrationEnv) {
  const start = env.services.dataStart * 1000;
  const created = await request(env.backend.server)
    .post('/api/slo/incidents')
    .send({
      entityRef: ENTITY_REF,
      title: 'elevated 5xx',
      severity: 'P2',
      startedAt: new Date(start + 600 * 60_000).toISOString(),
    });
  expect(created.status).toBe(201);
  await request(env.backend.server)
    .post(`/api/slo/incidents/${created.body.id}/resolve`)
    .send({ at: new Date(start + 660 * 60_000).toISOString() })
    .expect(200);
  const res = await request(env.backend.server)
    .get('/api/slo/entities/default/component/inttest-api/incidents')
    .query({ at: at(env) });
  const incident = (res.body.items as Incident[]).find(
    i => i.id === created.body.id,
  )!;
  // 600 bad requests during the incident / 1,440 budget of the strict SLO.
  expect(incident.budgetConsumedPercent).toBeCloseTo((600 / 1_440) * 100, 9);
  expect(res.body.stats.mttrSeconds).toBeGreaterThan(0);
  const report = await request(env.backend.server)
    .get('/api/slo/entities/default/component/inttest-api/slos')
    .query({ at: at(env) });
  expect(report.body.freeze.postmortemRequired).toEqual([
    {
      incidentId: created.body.id,
      percent: expect.closeTo((600 / 1_440) * 100, 9),
    },
  ]);
}

async function alertmanagerOpensAndResolves(env: IntegrationEnv) {
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
    const r = await fetch(`${env.services.alertmanagerUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(200);
  };
  const find = async () => {
    const res = await request(env.backend.server).get(
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

  const resolveBody = { ...alert, endsAt: new Date().toISOString() };
  await expectResolvedBy(env, () => push([resolveBody]), find, firing);
}

async function expectResolvedBy(
  env: IntegrationEnv,
  resolve: () => Promise<void>,
  find: () => Promise<Incident | undefined>,
  firing: Incident,
) {
  await resolve();
  const resolved = await waitFor(
    async () => {
      const i = await find();
      return i?.status === 'resolved' ? i : undefined;
    },
    { timeoutMs: 30_000, what: 'incident resolved by Alertmanager' },
  );
  expect(resolved.id).toBe(firing.id);
  const all = await request(env.backend.server).get(
    '/api/slo/entities/default/component/inttest-api/incidents',
  );
  expect(
    (all.body.items as Incident[]).filter(i => i.source === 'alertmanager'),
  ).toHaveLength(1);
}

async function servesEntityRules(env: IntegrationEnv) {
  const res = await request(env.backend.server).get(
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
}

describeIntegration(
  'SLO backend against real Prometheus and Alertmanager',
  () => {
    let backendUrl: string | undefined;
    let relay: { url: string; close(): Promise<void> };
    const env = {} as IntegrationEnv;

    beforeAll(async () => {
      relay = await startRelay(() => backendUrl);
      env.services = await startSloServices({
        webhookUrl: `${relay.url}/api/slo/alertmanager/webhook`,
        webhookToken: TOKEN,
      });
      env.backend = await startTestBackend({
        features: [
          sloPlugin,
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              slo: {
                datasource: 'prometheus',
                prometheus: { baseUrl: env.services.prometheusUrl, retries: 1 },
                alertmanager: { webhookToken: TOKEN },
              },
            },
          }),
        ],
      });
      const address = env.backend.server.address() as { port: number };
      backendUrl = `http://127.0.0.1:${address.port}`;
    });

    afterAll(async () => {
      await env.backend?.stop();
      await env.services?.stop();
      await relay?.close();
    });

    it('computes budgets, burn rates and forecasts from backfilled Prometheus data', async () => {
      await expect(computesBudgets(env)).resolves.toBeUndefined();
    });
    it('denies normal changes on the exhausted budget and allows security fixes', async () => {
      await expect(deniesOnExhaustedBudget(env)).resolves.toBeUndefined();
    });
    it('attributes budget to an incident and requires a postmortem', async () => {
      await expect(attributesBudgetToIncident(env)).resolves.toBeUndefined();
    });
    it('receives real Alertmanager webhooks: firing creates, resolved resolves the incident', async () => {
      await expect(alertmanagerOpensAndResolves(env)).resolves.toBeUndefined();
    });
    it('serves the rules of an entity SLO as YAML', async () => {
      await expect(servesEntityRules(env)).resolves.toBeUndefined();
    });
  },
);

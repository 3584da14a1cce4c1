import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
// The module is tested inside the real scorecards backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import {
  defineGatePolicy,
  EntityScorecard,
  GateRule,
  StoredFact,
} from '@gatekeeper/plugin-scorecards-common';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import request from 'supertest';
import scorecardsModuleSonarqube from './index';
import {
  FakeSonarqubeServer,
  passingProject,
} from './testUtils/fakeSonarqubeServer';

jest.setTimeout(60_000);

const docs = 'https://gatekeeper.example.com/docs/gates';
const gate = (id: string, rules: GateRule[]) => ({
  id,
  title: `Gate ${id}`,
  severity: 'critical' as const,
  category: 'quality' as const,
  level: 'bronze',
  rationale: 'Decided by the system of record.',
  remediation: `${docs}/${id}`,
  rules,
});
// Pushed coverage (ci.coverage.lines) and SonarQube coverage
// (sonarqube.coverage.lines) are different facts: each gate names the one
// that decides it, so the policy states which source wins.
const policy = defineGatePolicy({
  version: 1,
  levels: ['bronze'],
  gates: [
    gate('sonar-quality-gate', [
      { op: 'truthy', fact: 'sonarqube.quality-gate.passed' },
    ]),
    {
      ...gate('coverage-sonarqube', [
        { op: 'gte', fact: 'sonarqube.coverage.lines', value: 80 },
      ]),
      maxAge: 'P14D',
      requireObserved: true,
    },
    gate('coverage-pushed', [
      { op: 'gte', fact: 'ci.coverage.lines', value: 80 },
    ]),
  ],
});

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'sonarqube.org/project-key': 'acme:payments' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const sonar = new FakeSonarqubeServer();
beforeAll(() => sonar.start());
afterAll(() => sonar.stop());

async function backend(sonarqube: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      mockServices.permissionsRegistry.mock().factory,
      mockServices.auditor.mock({
        createEvent: jest.fn(async () => ({
          success: jest.fn(async () => {}),
          fail: jest.fn(async () => {}),
        })),
      }).factory,
      scorecardsPlugin,
      scorecardsModuleSonarqube,
      gatePolicyServiceFactory(policy),
      catalogServiceMock.factory({ entities: [component] }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            sonarqube,
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
          },
        },
      }),
    ],
  });
  return server;
}

async function evaluate(server: Awaited<ReturnType<typeof backend>>) {
  const res = await request(server).post(
    '/api/scorecards/entities/default/component/payments/evaluate',
  );
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body as EntityScorecard).gates.map(g => [g.gateId, g.status]),
  );
}

describe('scorecards-backend-module-sonarqube in the scorecards backend', () => {
  it('decides the SonarQube gates; the policy picks SonarQube over pushed coverage', async () => {
    sonar.projects.set('acme:payments', {
      ...passingProject(),
      measures: { ...passingProject().measures, line_coverage: '71.0' },
    });
    const server = await backend({ baseUrl: sonar.url, token: sonar.token });
    const push = await request(server)
      .post('/api/scorecards/facts')
      .send({
        entityRef: 'component:default/payments',
        facts: { 'ci.coverage.lines': 93 },
      });
    expect(push.status).toBe(200);
    expect(await evaluate(server)).toEqual({
      'sonar-quality-gate': 'pass',
      'coverage-sonarqube': 'fail',
      'coverage-pushed': 'pass',
    });
    const facts = await request(server).get(
      '/api/scorecards/entities/default/component/payments/facts',
    );
    const coverage = (facts.body.items as StoredFact[]).find(
      f => f.fact === 'sonarqube.coverage.lines',
    );
    expect(coverage).toMatchObject({
      value: 71,
      source: 'provider:sonarqube',
      evidence: 'observed',
    });
  });

  it('decides a requireObserved gate from the stand-in with observed evidence', async () => {
    sonar.projects.set('acme:payments', passingProject());
    const server = await backend({ baseUrl: sonar.url, token: sonar.token });
    const res = await request(server).post(
      '/api/scorecards/entities/default/component/payments/evaluate',
    );
    const coverage = (res.body as EntityScorecard).gates.find(
      g => g.gateId === 'coverage-sonarqube',
    );
    expect(coverage?.status).toBe('pass');
    expect(coverage?.freshness).toMatchObject({
      kind: 'observed',
      sources: ['provider:sonarqube'],
      ttl: 'P14D',
      stale: false,
      requireObserved: true,
    });
  });

  it('keeps working without SonarQube config: the gates are unknown, with the reason stored', async () => {
    sonar.requests.length = 0;
    const server = await backend({});
    expect(await evaluate(server)).toMatchObject({
      'sonar-quality-gate': 'unknown',
      'coverage-sonarqube': 'unknown',
    });
    expect(sonar.requests).toHaveLength(0);
    const facts = await request(server).get(
      '/api/scorecards/entities/default/component/payments/facts',
    );
    const unknown = (facts.body.items as StoredFact[]).find(
      f => f.fact === 'sonarqube.unknown',
    );
    expect(unknown?.value).toMatchObject({
      'sonarqube.quality-gate.passed':
        'SonarQube is not configured (scorecards.sonarqube.baseUrl)',
    });
  });

  it('registers nothing when disabled', async () => {
    const server = await backend({ enabled: false, baseUrl: sonar.url });
    sonar.requests.length = 0;
    await evaluate(server);
    const facts = await request(server).get(
      '/api/scorecards/entities/default/component/payments/facts',
    );
    expect(
      (facts.body.items as StoredFact[]).some(f =>
        f.fact.startsWith('sonarqube.'),
      ),
    ).toBe(false);
    expect(sonar.requests).toHaveLength(0);
  });
});

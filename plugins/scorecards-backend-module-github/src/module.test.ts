import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real scorecards backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import {
  defineGatePolicy,
  EntityScorecard,
  StoredFact,
} from '@gatekeeper/plugin-scorecards-common';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import scorecardsModuleGithub from './index';
import {
  FakeGithubServer,
  healthyRepository,
} from './testUtils/fakeGithubServer';

jest.setTimeout(60_000);

const docs = 'https://gatekeeper.example.com/docs/gates';
const policy = defineGatePolicy({
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'branch-protection',
      title: 'Branch protection with code-owner review',
      severity: 'high',
      category: 'ownership',
      level: 'bronze',
      rationale: 'Without protection, reviews are advisory only.',
      remediation: `${docs}/branch-protection`,
      rules: [
        { op: 'truthy', fact: 'scm.branch-protection.enabled' },
        { op: 'truthy', fact: 'scm.branch-protection.code-owner-reviews' },
        { op: 'gte', fact: 'scm.branch-protection.required-reviews', value: 1 },
      ],
      maxAge: 'P30D',
      requireObserved: true,
    },
    {
      id: 'main-green',
      title: 'Gate jobs pass on main',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale: 'A gate whose job fails on main fails.',
      remediation: `${docs}/main-green`,
      rules: [{ op: 'truthy', fact: 'github.ci.gate-jobs.passed' }],
    },
    {
      id: 'no-critical-dependabot',
      title: 'No critical Dependabot alerts',
      severity: 'critical',
      category: 'security',
      level: 'bronze',
      rationale: 'Critical advisories are the most exploited path.',
      remediation: `${docs}/no-critical-dependabot`,
      rules: [{ op: 'eq', fact: 'github.dependabot.critical', value: 0 }],
    },
  ],
});

function component(name: string, slug: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'github.com/project-slug': slug },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const github = new FakeGithubServer();
beforeAll(() => github.start());
afterAll(() => github.stop());

async function backend(
  githubConfig: JsonObject,
  scorecardsGithub: JsonObject = {},
) {
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
      scorecardsModuleGithub,
      gatePolicyServiceFactory(policy),
      catalogServiceMock.factory({
        entities: [
          component('payments', 'acme/payments'),
          component('ledger', 'acme/ledger'),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [githubConfig] },
          scorecards: {
            github: scorecardsGithub,
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
  const evaluate = async (name: string) => {
    const res = await request(server).post(
      `/api/scorecards/entities/default/component/${name}/evaluate`,
    );
    expect(res.status).toBe(200);
    const card = res.body as EntityScorecard;
    return Object.fromEntries(card.gates.map(g => [g.gateId, g.status]));
  };
  const facts = async (name: string) => {
    const res = await request(server).get(
      `/api/scorecards/entities/default/component/${name}/facts`,
    );
    expect(res.status).toBe(200);
    return res.body.items as StoredFact[];
  };
  return { evaluate, facts, server };
}

describe('scorecards-backend-module-github in the scorecards backend', () => {
  it('decides gates from the GitHub stand-in, per entity', async () => {
    github.repos.set('acme/payments', healthyRepository());
    const ledger = healthyRepository();
    ledger.protection = 'not-protected';
    ledger.rules = [];
    ledger.runs[0].jobs[0] = {
      ...ledger.runs[0].jobs[0],
      conclusion: 'failure',
    };
    ledger.dependabot = [
      { number: 7, state: 'open', security_advisory: { severity: 'critical' } },
    ];
    github.repos.set('acme/ledger', ledger);
    const { evaluate, facts } = await backend({
      host: 'github.com',
      apiBaseUrl: github.apiBaseUrl,
      token: github.token,
    });

    expect(await evaluate('payments')).toEqual({
      'branch-protection': 'pass',
      'main-green': 'pass',
      'no-critical-dependabot': 'pass',
    });
    expect(await evaluate('ledger')).toEqual({
      'branch-protection': 'fail',
      'main-green': 'fail',
      'no-critical-dependabot': 'fail',
    });
    const stored = await facts('ledger');
    const enabled = stored.find(
      f => f.fact === 'scm.branch-protection.enabled',
    );
    expect(enabled).toMatchObject({ value: false, source: 'provider:github' });
    const provenance = stored.find(f => f.fact === 'github.provenance');
    expect(provenance?.value).toMatchObject({
      source: 'github',
      repository: 'acme/ledger',
    });
  });

  it('decides a requireObserved gate from the stand-in with observed evidence', async () => {
    github.repos.set('acme/payments', healthyRepository());
    const { facts, server } = await backend({
      host: 'github.com',
      apiBaseUrl: github.apiBaseUrl,
      token: github.token,
    });
    const res = await request(server).post(
      '/api/scorecards/entities/default/component/payments/evaluate',
    );
    const protection = (res.body as EntityScorecard).gates.find(
      g => g.gateId === 'branch-protection',
    );
    expect(protection?.status).toBe('pass');
    expect(protection?.freshness).toMatchObject({
      kind: 'observed',
      sources: ['provider:github'],
      ttl: 'P30D',
      stale: false,
      requireObserved: true,
    });
    expect(protection?.evidence[0].evidenceKind).toBe('observed');
    const enabled = (await facts('payments')).find(
      f => f.fact === 'scm.branch-protection.enabled',
    );
    expect(enabled?.evidence).toBe('observed');
  });

  it('keeps the refresh working without credentials: gates unknown, reasons stored', async () => {
    github.repos.set('acme/payments', healthyRepository());
    github.requests.length = 0;
    const { evaluate, facts } = await backend({
      host: 'github.com',
      apiBaseUrl: github.apiBaseUrl,
    });
    expect(await evaluate('payments')).toEqual({
      'branch-protection': 'unknown',
      'main-green': 'unknown',
      'no-critical-dependabot': 'unknown',
    });
    expect(github.requests).toHaveLength(0);
    const unknown = (await facts('payments')).find(
      f => f.fact === 'github.unknown',
    );
    expect(
      (unknown?.value as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(/no GitHub token/);
  });

  it('reads the gate jobs from config, and registers nothing when disabled', async () => {
    const repo = healthyRepository();
    repo.runs[0].jobs[0] = { ...repo.runs[0].jobs[0], conclusion: 'failure' };
    github.repos.set('acme/payments', repo);
    const integration = {
      host: 'github.com',
      apiBaseUrl: github.apiBaseUrl,
      token: github.token,
    };
    // Only unit-tests gates here: the failed lint job does not count.
    const configured = await backend(integration, {
      gateJobs: { 'unit-tests': 'unit-tests' },
    });
    expect(await configured.evaluate('payments')).toMatchObject({
      'main-green': 'pass',
    });
    const stored = await configured.facts('payments');
    expect(stored.map(f => f.fact)).toContain('github.ci.unit-tests.passed');
    expect(stored.map(f => f.fact)).not.toContain('github.ci.lint.passed');

    github.requests.length = 0;
    const disabled = await backend(integration, { enabled: false });
    expect(await disabled.evaluate('payments')).toMatchObject({
      'main-green': 'unknown',
    });
    expect(github.requests).toHaveLength(0);
  });
});

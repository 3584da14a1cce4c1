import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { JsonObject } from '@backstage/types';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import {
  FactEvidence,
  FactProviderContext,
} from '@gatekeeper/plugin-scorecards-node';
import { createGithubFactProvider } from './createGithubFactProvider';
import { generateKeyPairSync } from 'crypto';
import {
  FakeGithubServer,
  healthyRepository,
  job,
} from './testUtils/fakeGithubServer';

const server = new FakeGithubServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: { owner: 'team-a' },
  };
}
const payments = entity({ 'github.com/project-slug': 'acme/payments' });

function setup(
  options: {
    token?: string;
    sleeps?: number[];
    maxWaitMs?: number;
    app?: JsonObject;
  } = {},
) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: server.apiBaseUrl,
            ...(options.app ? { apps: [options.app] } : {}),
            ...(options.token === '' || options.app
              ? {}
              : { token: options.token ?? server.token }),
          },
        ],
      },
    }),
  );
  const http = new PoliteHttpClient({
    sleep: async ms => {
      options.sleeps?.push(ms);
    },
    maxWaitMs: options.maxWaitMs ?? 120_000,
  });
  const provider = createGithubFactProvider({
    integrations,
    credentials:
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    logger: mockServices.logger.mock(),
    http,
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  const provide = (e: Entity = payments) =>
    provider.provide({
      entity: e,
      logger: mockServices.logger.mock(),
      reader: {} as FactProviderContext['reader'],
      getRepository: async () => undefined,
    });
  return { provider, provide };
}

beforeEach(() => {
  server.repos.clear();
  server.requests.length = 0;
  server.inject.length = 0;
});

describe('createGithubFactProvider', () => {
  it('reads protection, rulesets, gate jobs, alerts and settings of a healthy repository', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const facts = await setup().provide();
    expect(facts).toMatchObject({
      'scm.default-branch': 'main',
      'scm.default-branch.main': true,
      'scm.delete-branch-on-merge': true,
      'scm.vulnerability-alerts.enabled': true,
      'scm.branch-protection.enabled': true,
      // classic asks 1 review, a ruleset 2: the stricter wins
      'scm.branch-protection.required-reviews': 2,
      'scm.branch-protection.code-owner-reviews': true,
      'scm.branch-protection.status-checks': [
        'dependency-audit',
        'lint',
        'sast',
        'secrets-scan',
        'type-check',
        'unit-tests',
      ],
      'scm.branch-protection.status-checks-match-gates': true,
      'scm.branch-protection.missing-gate-checks': [],
      'scm.branch-protection.force-pushes-blocked': true,
      'scm.branch-protection.deletions-blocked': true,
      'scm.branch-protection.signed-commits': true,
      'github.ci.lint.passed': true,
      'github.ci.sast.passed': true,
      'github.ci.gate-jobs.passed': true,
      'github.ci.failed-jobs': [],
      'github.dependabot.critical': 0,
      'github.code-scanning.high': 0,
      'github.secret-scanning.open': 0,
    });
    expect(facts['github.unknown']).toEqual({});
    expect(facts['scm.default-branch.head']).toEqual({
      sha: 'a1b2c3d4e5f6',
      committedAt: '2026-12-01T09:00:00Z',
    });
    const jobs = facts['github.ci.jobs'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(jobs.lint).toMatchObject({
      conclusion: 'success',
      commit: 'a1b2c3d4e5f6',
    });
    expect(jobs.sast).toMatchObject({
      commit: 'older',
      completedAt: '2026-12-01T10:05:00Z',
    });
    const provenance = facts['github.provenance'] as unknown as {
      facts: Record<string, FactEvidence>;
    };
    expect(provenance).toMatchObject({
      source: 'github',
      host: 'github.com',
      repository: 'acme/payments',
      observedAt: '2026-12-01T12:00:00.000Z',
    });
    expect(provenance.facts['scm.branch-protection.enabled'].url).toBe(
      `${server.apiBaseUrl}/repos/acme/payments/branches/main/protection`,
    );
    expect(provenance.facts['github.ci.lint.passed']).toMatchObject({
      commit: 'a1b2c3d4e5f6',
      htmlUrl: expect.stringContaining('/actions/runs/902/'),
    });
    // Every request carried the integration's token.
    expect(new Set(server.requests.map(r => r.authorization))).toEqual(
      new Set([`Bearer ${server.token}`]),
    );
  });

  it('reports a 404 "Branch not protected" as not protected, and a failed gate job on main as failed', async () => {
    const repo = healthyRepository();
    repo.protection = 'not-protected';
    repo.rules = [];
    repo.repo.default_branch = 'master';
    repo.runs[0].jobs[0] = job('lint', 'failure', 'a1b2c3d4e5f6', 902);
    server.repos.set('acme/payments', repo);
    const facts = await setup().provide();
    expect(facts).toMatchObject({
      'scm.default-branch': 'master',
      'scm.default-branch.main': false,
      'scm.branch-protection.enabled': false,
      'scm.branch-protection.required-reviews': 0,
      'scm.branch-protection.code-owner-reviews': false,
      'scm.branch-protection.status-checks-match-gates': false,
      'scm.branch-protection.force-pushes-blocked': false,
      'scm.branch-protection.deletions-blocked': false,
      'github.ci.lint.passed': false,
      'github.ci.unit-tests.passed': true,
      'github.ci.gate-jobs.passed': false,
      'github.ci.failed-jobs': ['lint'],
    });
    expect(facts['scm.branch-protection.missing-gate-checks']).toHaveLength(6);
  });

  it('counts open alerts by severity across pages', async () => {
    const repo = healthyRepository();
    const severities = ['critical', 'high', 'high', 'medium', 'low'];
    // 250 alerts: three pages of 100
    repo.dependabot = Array.from({ length: 250 }, (_, i) => ({
      number: i + 1,
      state: 'open',
      security_advisory: { severity: severities[i % 5] },
      security_vulnerability: { severity: severities[i % 5] },
    }));
    repo.codeScanning = [
      {
        number: 1,
        state: 'open',
        rule: {
          id: 'js/xss',
          severity: 'error',
          security_severity_level: 'critical',
        },
      },
      {
        number: 2,
        state: 'open',
        rule: {
          id: 'js/unused',
          severity: 'note',
          security_severity_level: null,
        },
      },
    ];
    repo.secretScanning = [
      { number: 1, state: 'open', secret_type: 'github_personal_access_token' },
    ];
    server.repos.set('acme/payments', repo);
    const facts = await setup().provide();
    expect(facts).toMatchObject({
      'github.dependabot.critical': 50,
      'github.dependabot.high': 100,
      'github.dependabot.medium': 50,
      'github.dependabot.low': 50,
      'github.code-scanning.critical': 1,
      'github.code-scanning.other': 1,
      'github.secret-scanning.open': 1,
    });
    const pages = server.requests.filter(r =>
      r.path.includes('/dependabot/alerts'),
    );
    expect(
      pages.map(p => new URL(p.path, server.url).searchParams.get('page')),
    ).toEqual([null, '2', '3']);
  });

  it('leaves disabled alert lists unknown with the reason', async () => {
    const repo = healthyRepository();
    repo.dependabot = 'disabled';
    repo.codeScanning = 'no-analysis';
    repo.secretScanning = 'disabled';
    repo.vulnerabilityAlerts = false;
    delete repo.repo.delete_branch_on_merge;
    server.repos.set('acme/payments', repo);
    const facts = await setup().provide();
    expect(facts['github.dependabot.critical']).toBeUndefined();
    expect(facts['scm.vulnerability-alerts.enabled']).toBe(false);
    const unknown = facts['github.unknown'] as Record<string, string>;
    expect(unknown['github.dependabot.critical']).toMatch(
      /Dependabot alerts are disabled for this repository/,
    );
    expect(unknown['github.code-scanning.high']).toMatch(/no analysis found/);
    expect(unknown['github.secret-scanning.open']).toMatch(
      /Secret scanning is disabled/,
    );
    expect(unknown['scm.delete-branch-on-merge']).toMatch(/push access/);
    expect(facts['scm.branch-protection.enabled']).toBe(true);
  });

  it('uses rulesets when classic protection is not readable, and is unknown without either', async () => {
    const repo = healthyRepository();
    repo.protection = 'forbidden';
    server.repos.set('acme/payments', repo);
    const { provide } = setup();
    const facts = await provide();
    expect(facts).toMatchObject({
      'scm.branch-protection.enabled': true,
      'scm.branch-protection.required-reviews': 2,
      'scm.branch-protection.code-owner-reviews': false,
      'scm.branch-protection.missing-gate-checks': [
        'lint',
        'type-check',
        'unit-tests',
      ],
    });
    repo.rules = [];
    const none = await provide();
    expect(none['scm.branch-protection.enabled']).toBeUndefined();
    expect(
      (none['github.unknown'] as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(
      /HTTP 403: Resource not accessible by integration; the token needs Administration: read/,
    );
  });

  it('answers an unchanged second refresh from ETags (304) with the same facts', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const { provide } = setup();
    const first = await provide();
    const firstCount = server.requests.length;
    const second = await provide();
    const again = server.requests.slice(firstCount);
    expect(second).toEqual(first);
    const withBody = again.filter(r => r.status !== 204 && r.status !== 404);
    expect(withBody.length).toBeGreaterThan(5);
    expect(withBody.every(r => r.status === 304 && r.ifNoneMatch)).toBe(true);
  });

  it('backs off on a secondary rate limit and still delivers the facts', async () => {
    server.repos.set('acme/payments', healthyRepository());
    server.inject.push({
      path: /\/branches\/main\/protection$/,
      status: 403,
      headers: { 'retry-after': '2' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    });
    const sleeps: number[] = [];
    const facts = await setup({ sleeps }).provide();
    expect(sleeps).toEqual([2000]);
    expect(facts['scm.branch-protection.enabled']).toBe(true);
  });

  it('turns an exhausted primary rate limit into unknown facts with the reason, never a throw', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const reset = Math.floor(Date.now() / 1000) + 3600;
    server.inject.push({
      path: /\/repos\/acme\/payments$/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const { provide } = setup({ maxWaitMs: 60_000 });
    const facts = await provide();
    const unknown = facts['github.unknown'] as Record<string, string>;
    expect(unknown['scm.default-branch']).toMatch(
      /rate limited \(HTTP 403\) until/,
    );
    expect(unknown['scm.branch-protection.enabled']).toMatch(/rate limited/);
    // The origin stays blocked until the reset: the next refresh sends nothing.
    const sent = server.requests.length;
    const later = await provide();
    expect(server.requests.length).toBe(sent);
    expect(
      (later['github.unknown'] as Record<string, string>)['scm.default-branch'],
    ).toMatch(/rate limited until/);
  });

  it('is unknown with a reason, and sends nothing, without credentials', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const facts = await setup({ token: '' }).provide();
    expect(server.requests).toHaveLength(0);
    expect(Object.keys(facts).sort()).toEqual([
      'github.provenance',
      'github.unknown',
    ]);
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(/no GitHub token or App installation for github.com/);
  });

  it('reports a wrong token and a missing repository as unknown', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const bad = await setup({ token: 'wrong' }).provide();
    expect(
      (bad['github.unknown'] as Record<string, string>)['scm.default-branch'],
    ).toMatch(/HTTP 401 .*Bad credentials/);
    const missing = await setup().provide(
      entity({ 'github.com/project-slug': 'acme/gone' }),
    );
    expect(
      (missing['github.unknown'] as Record<string, string>)[
        'github.ci.lint.passed'
      ],
    ).toMatch(/HTTP 404/);
  });

  it('gives entities that are not on GitHub no facts', async () => {
    const { provide } = setup();
    expect(await provide(entity({}))).toEqual({});
    expect(
      await provide(entity({ 'github.com/project-slug': 'not a slug' })),
    ).toEqual({});
    expect(
      await provide(
        entity({
          'backstage.io/source-location': 'url:https://gitlab.com/a/b',
        }),
      ),
    ).toEqual({});
    expect(server.requests).toHaveLength(0);
  });

  it('reports gate jobs without a completed run as unknown', async () => {
    const repo = healthyRepository();
    repo.runs = [repo.runs[0]];
    server.repos.set('acme/payments', repo);
    const facts = await setup().provide();
    expect(facts['github.ci.lint.passed']).toBe(true);
    expect(facts['github.ci.gate-jobs.passed']).toBeUndefined();
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'github.ci.sast.passed'
      ],
    ).toBe(
      'no completed run of job "sast" on main in the last 1 workflow runs',
    );
  });

  it('authenticates as a GitHub App installation', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { provide } = setup({
      app: {
        appId: server.appId,
        clientId: 'Iv1.test',
        clientSecret: 'secret',
        privateKey: privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
    });
    const [first, second] = await Promise.all([provide(), provide()]);
    expect(first['github.unknown']).toEqual({});
    expect(first['scm.branch-protection.enabled']).toBe(true);
    // The same refresh twice at once gives the same facts.
    expect(second).toEqual(first);
    const repoCalls = server.requests.filter(r =>
      r.path.startsWith('/api/v3/repos/'),
    );
    expect(new Set(repoCalls.map(r => r.authorization))).toEqual(
      new Set([`Bearer ${server.installationToken}`]),
    );
    expect(server.appTokensIssued).toBeGreaterThanOrEqual(1);
  });

  it('reports an App that is not installed for the owner as unknown', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { provide } = setup({
      app: {
        appId: server.appId,
        clientId: 'Iv1.test',
        clientSecret: 'secret',
        privateKey: privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
    });
    const facts = await provide(
      entity({ 'github.com/project-slug': 'other-org/repo' }),
    );
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(/no GitHub token or App installation for github.com\/other-org/);
  });
});

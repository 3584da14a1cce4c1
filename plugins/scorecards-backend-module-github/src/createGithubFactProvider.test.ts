import { FactEvidence } from '@gatekeeper/plugin-scorecards-node';
import { healthyRepository, job } from './testUtils/fakeGithubServer';
import {
  server,
  setup,
  useFakeGithub,
} from './__testUtils__/restProviderHarness';

useFakeGithub();

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
});

import { FakeRepository } from './fakeGithubServer';

/** A job of GET /actions/runs/{id}/jobs. */
export function job(
  name: string,
  conclusion: string,
  sha: string,
  runId: number,
) {
  return {
    id: runId * 100 + name.length,
    run_id: runId,
    name,
    head_sha: sha,
    status: 'completed',
    conclusion,
    started_at: '2026-12-01T10:00:00Z',
    completed_at: '2026-12-01T10:05:00Z',
    html_url: `https://github.com/acme/payments/actions/runs/${runId}/job/${name}`,
  };
}

/** A well-kept repository: protected, green, few alerts. */
export function healthyRepository(): FakeRepository {
  const sha = 'a1b2c3d4e5f6';
  const gateJobs = [
    'lint',
    'type-check',
    'unit-tests',
    'sast',
    'secrets-scan',
    'dependency-audit',
  ];
  return {
    repo: {
      id: 1296269,
      name: 'payments',
      full_name: 'acme/payments',
      default_branch: 'main',
      delete_branch_on_merge: true,
      html_url: 'https://github.com/acme/payments',
    },
    vulnerabilityAlerts: true,
    protection: healthyProtection(),
    rules: healthyRules(),
    runs: [
      {
        id: 902,
        head_sha: sha,
        jobs: gateJobs.slice(0, 3).map(n => job(n, 'success', sha, 902)),
      },
      {
        id: 901,
        head_sha: 'older',
        jobs: gateJobs.map(n => job(n, 'success', 'older', 901)),
      },
    ],
    dependabot: [],
    codeScanning: [],
    secretScanning: [],
  };
}

/** Classic branch protection of the healthy repository (fresh per call). */
function healthyProtection(): Record<string, unknown> {
  return {
    url: 'https://api.github.com/repos/acme/payments/branches/main/protection',
    required_status_checks: {
      strict: true,
      contexts: ['lint', 'type-check', 'unit-tests'],
      checks: [
        { context: 'lint', app_id: 15368 },
        { context: 'type-check', app_id: 15368 },
        { context: 'unit-tests', app_id: 15368 },
      ],
    },
    enforce_admins: { enabled: true },
    required_pull_request_reviews: {
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
      required_approving_review_count: 1,
    },
    required_signatures: { enabled: false },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
  };
}

/** Ruleset rules on the healthy repository's default branch (fresh per call). */
function healthyRules(): FakeRepository['rules'] {
  return [
    { type: 'deletion', ruleset_source_type: 'Repository', ruleset_id: 42 },
    {
      type: 'pull_request',
      ruleset_id: 42,
      parameters: {
        required_approving_review_count: 2,
        require_code_owner_review: false,
        dismiss_stale_reviews_on_push: true,
      },
    },
    {
      type: 'required_status_checks',
      ruleset_id: 42,
      parameters: {
        strict_required_status_checks_policy: true,
        required_status_checks: [
          { context: 'sast' },
          { context: 'secrets-scan' },
          { context: 'dependency-audit' },
        ],
      },
    },
    { type: 'required_signatures', ruleset_id: 42 },
  ];
}

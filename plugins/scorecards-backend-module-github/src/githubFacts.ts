/** Fact ids produced by the GitHub provider. @public */
export const GITHUB_FACTS = {
  defaultBranch: 'scm.default-branch',
  defaultBranchMain: 'scm.default-branch.main',
  defaultBranchHead: 'scm.default-branch.head',
  deleteBranchOnMerge: 'scm.delete-branch-on-merge',
  vulnerabilityAlerts: 'scm.vulnerability-alerts.enabled',
  protectionEnabled: 'scm.branch-protection.enabled',
  requiredReviews: 'scm.branch-protection.required-reviews',
  codeOwnerReviews: 'scm.branch-protection.code-owner-reviews',
  statusChecks: 'scm.branch-protection.status-checks',
  checksMatchGates: 'scm.branch-protection.status-checks-match-gates',
  missingGateChecks: 'scm.branch-protection.missing-gate-checks',
  forcePushesBlocked: 'scm.branch-protection.force-pushes-blocked',
  deletionsBlocked: 'scm.branch-protection.deletions-blocked',
  signedCommits: 'scm.branch-protection.signed-commits',
  ciJobs: 'github.ci.jobs',
  ciGateJobsPassed: 'github.ci.gate-jobs.passed',
  ciFailedJobs: 'github.ci.failed-jobs',
  dependabotCritical: 'github.dependabot.critical',
  dependabotHigh: 'github.dependabot.high',
  dependabotMedium: 'github.dependabot.medium',
  dependabotLow: 'github.dependabot.low',
  codeScanningCritical: 'github.code-scanning.critical',
  codeScanningHigh: 'github.code-scanning.high',
  codeScanningMedium: 'github.code-scanning.medium',
  codeScanningLow: 'github.code-scanning.low',
  codeScanningOther: 'github.code-scanning.other',
  secretScanningOpen: 'github.secret-scanning.open',
  provenance: 'github.provenance',
  unknown: 'github.unknown',
} as const;

/** Fact id of one gate job's result on the default branch. @public */
export function gateJobFact(key: string): string {
  return `github.ci.${key}.passed`;
}

/** The golden-path CI jobs (templates/*\/skeleton/.github/workflows/ci.yml). @public */
export const DEFAULT_GATE_JOBS: Record<string, string> = {
  lint: 'lint',
  'type-check': 'type-check',
  'unit-tests': 'unit-tests',
  sast: 'sast',
  'secrets-scan': 'secrets-scan',
  'dependency-audit': 'dependency-audit',
};

/** The facts read from branch protection and rulesets. @public */
export const PROTECTION_FACTS: string[] = [
  GITHUB_FACTS.protectionEnabled,
  GITHUB_FACTS.requiredReviews,
  GITHUB_FACTS.codeOwnerReviews,
  GITHUB_FACTS.statusChecks,
  GITHUB_FACTS.checksMatchGates,
  GITHUB_FACTS.missingGateChecks,
  GITHUB_FACTS.forcePushesBlocked,
  GITHUB_FACTS.deletionsBlocked,
  GITHUB_FACTS.signedCommits,
];

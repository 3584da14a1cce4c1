/**
 * How each CI capability is recognised in a workflow job.
 */

/**
 * A CI capability a workflow job can provide.
 * @public
 */
export type WorkflowCapability =
  | 'lint'
  | 'typecheck'
  | 'unit-tests'
  | 'coverage'
  | 'coverage-threshold'
  | 'build'
  | 'sast'
  | 'secrets-scan'
  | 'dependency-audit'
  | 'sbom'
  | 'signing'
  | 'provenance'
  | 'schema-check'
  | 'smoke-tests'
  | 'canary'
  | 'integration-tests'
  | 'contract-tests'
  | 'iac-scan'
  | 'image-scan'
  | 'commit-lint';

/**
 * How one capability is recognised in a job. A job has the capability when
 * any of the rules matches one of its steps (or its job-level `uses:`).
 * @public
 */
export interface WorkflowCapabilityDetector {
  /** Matched against `uses:` references, without the `@ref`. */
  uses?: RegExp;
  /** Matched against `run:` scripts. */
  run?: RegExp;
  /**
   * An action whose reference matches `uses` and whose `with:` inputs
   * (serialised as JSON) match `with`.
   */
  action?: { uses: RegExp; with: RegExp };
}

/**
 * How each capability is recognised: the union of the rules the scorecards
 * provider and the scaffolder module used before they shared this table.
 * @public
 */
export const WORKFLOW_CAPABILITY_DETECTORS: Record<
  WorkflowCapability,
  WorkflowCapabilityDetector
> = {
  lint: {
    // a contract linter (`spectral lint`, `redocly lint`) is no code lint
    run: /(\b(eslint|golangci-lint|ruff|flake8|pylint|rubocop|ktlint|stylelint|hadolint|actionlint|biome (check|lint))\b|\b(npm|pnpm|yarn)( run)? lint\b|\bbackstage-cli (package|repo) lint\b)/i,
    uses: /(golangci-lint-action|super-linter|\/lint)/i,
  },
  typecheck: {
    run: /\b(tsc|type-?check|typecheck|mypy|pyright|flow check|go vet)\b/i,
  },
  // Commands only: `scripts/smoke-test.sh` or `echo tests` are not unit tests.
  'unit-tests': {
    run: /((^|[\s;&|(])(npm|pnpm|yarn)( run)? (test|t)\b|(^|[\s;&|(/])(jest|vitest|pytest|mocha|tox|nox)\b|python3? -m (pytest|unittest)\b|\bgo test\b|\bcargo test\b|\bmvn\b.*\b(verify|test)\b|gradlew?\b.*\btest\b|backstage-cli (package|repo) test\b|\bmake test\b)/i,
  },
  coverage: {
    run: /(--coverage\b|--cov\b|--cov=|-coverprofile|coverage run|test:coverage|\b(npm|pnpm|yarn)( run)? test\b|pytest\b|vitest\b)/i,
  },
  'coverage-threshold': {
    run: /(coverage[-_ ]?threshold|coverageThreshold|coverage\.thresholds|--cov-fail-under|fail[-_]under|check-coverage|--min-coverage|coverage[^\n]*--threshold|covermode[^\n]*-coverpkg[^\n]*threshold)/i,
    action: {
      uses: /cov/i,
      with: /(fail_ci_if_error|minimum[-_]coverage|min[-_]coverage|threshold)/i,
    },
  },
  build: {
    run: /\b((npm|pnpm|yarn)( run)? build\b|tsc -p|go build|python -m build|docker (buildx )?build|npm pack)/i,
    uses: /^docker\/build-push-action$/i,
  },
  sast: {
    uses: /(github\/codeql-action\/analyze|semgrep|sonarsource\/|bandit|securego\/gosec)/i,
    run: /\b(semgrep|codeql|bandit|gosec|brakeman)\b/i,
  },
  'secrets-scan': {
    uses: /(gitleaks|trufflehog|trufflesecurity\/)/i,
    // the scan command, not a line that downloads or unpacks the tool
    run: /\b(gitleaks (git|detect|dir|protect|stdin)|trufflehog [a-z]+|detect-secrets(-hook)? (scan|audit)|ggshield secret)\b/i,
  },
  'dependency-audit': {
    uses: /(dependency-review-action|osv-scanner|snyk\/actions|pypa\/gh-action-pip-audit)/i,
    run: /\b(osv-scanner|npm audit|yarn (npm )?audit|pnpm audit|pip-audit|govulncheck|cargo audit|snyk test|bundle[- ]audit|safety check)\b/i,
  },
  sbom: {
    uses: /(anchore\/sbom-action|syft|cyclonedx)/i,
    run: /(\b(syft|cyclonedx|cdxgen)\b|--format[ =](cyclonedx|spdx)|cyclonedx-(py|npm|gomod))/i,
  },
  signing: {
    // installing cosign signs nothing: the `cosign sign` command counts
    uses: /^(sigstore\/gh-action-sigstore-python|sigstore\/cosign-action)$/i,
    run: /\bcosign\s+(sign|attest)/i,
  },
  provenance: {
    uses: /(attest-build-provenance|slsa-framework\/slsa-github-generator)/i,
    run: /\b(slsa-verifier|attest-build-provenance|cosign attest[^\n]*slsaprovenance)\b/i,
  },
  'schema-check': {
    uses: /(bufbuild\/buf-breaking-action|oasdiff|openapi-diff)/i,
    run: /(\b(buf (breaking|lint)|oasdiff|openapi-diff|schema[-: ]?(check|compat|compatibility|validate|diff)|check-schema|ajv validate|spectral lint)\b|openapi|oasdiff|spectral lint|redocly(\/cli)? lint|buf breaking|check-jsonschema|schema[:-]check)/i,
  },
  'smoke-tests': { run: /smoke/i },
  canary: { run: /\b(kubectl[- ]argo[- ]rollouts|argo rollouts)\b/i },
  // Named integration suites; a plain unit-test command is no integration test.
  'integration-tests': {
    run: /(\b(npm|pnpm|yarn)( run)? (test:)?integration(-tests?)?\b|\b(pytest|vitest|jest)\b[^\n]*\bintegration(_tests?|-tests?)?\b|\bgo test\b[^\n]*-tags[= ]integration\b)/i,
  },
  // Breaking-change diffs and consumer/provider verification, not lint.
  'contract-tests': {
    uses: /(oasdiff\/oasdiff-action\/breaking|bufbuild\/buf-breaking-action|pactflow\/)/i,
    run: /(\bcheck[-_]api[-_]compat\b|\boasdiff (breaking|changelog --fail-on)|\bopenapi-diff\b|\bbuf breaking\b|\bpact(-broker)? (verify|can-i-deploy)\b|\bpact-provider-verifier\b)/i,
  },
  'iac-scan': {
    uses: /(bridgecrewio\/checkov-action|checkmarx\/kics-github-action|aquasecurity\/tfsec-action)/i,
    // the scan command at a command position, not `tar -xzf x.tar.gz kubeconform`
    run: /(^|[;&|(]|\bnpx( --yes)?)\s*([^\s=:]+\/)?(trivy (config|conf)|kubeconform|kubeval|checkov|kube-linter lint|kics scan|tfsec|conftest test|kube-score score)\b/im,
  },
  'image-scan': {
    uses: /^(anchore\/scan-action|docker\/scout-action)$/i,
    run: /\b(trivy (image|i)|grype|docker scout cves|snyk container test)\b/i,
  },
  // Conventional Commits on pull request titles or commit messages.
  'commit-lint': {
    uses: /^(amannn\/action-semantic-pull-request|wagoid\/commitlint-github-action)$/i,
    run: /(\bcommitlint\b|\bcheck[-_]pr[-_]title\b|\bcz check\b)/i,
  },
};

/** Every capability, in detector order. @public */
export const WORKFLOW_CAPABILITIES = Object.keys(
  WORKFLOW_CAPABILITY_DETECTORS,
) as WorkflowCapability[];

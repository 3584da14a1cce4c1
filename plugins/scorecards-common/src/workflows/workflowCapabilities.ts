/**
 * CI capabilities of GitHub Actions workflows. The single implementation used
 * by the scorecards fact provider (`repo.workflow.*` facts) and by the
 * scaffolder module (`gatekeeper:baseline:verify`, required checks), so a
 * generated repository and its scorecard can never disagree about them.
 *
 * Pure and isomorphic: works on parsed workflow YAML objects, reads no files.
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
  | 'canary';

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
    run: /\b(eslint|lint|golangci-lint|ruff|flake8|pylint|rubocop|ktlint|stylelint|hadolint|actionlint|biome (check|lint))\b/i,
    uses: /(golangci-lint-action|super-linter|\/lint)/i,
  },
  typecheck: {
    run: /\b(tsc|type-?check|typecheck|mypy|pyright|flow check|go vet)\b/i,
  },
  'unit-tests': {
    run: /(\b(test|tests|mocha|cargo test|npm t|mvn\b.*\bverify|gradlew?\b.*\btest)\b|\b(jest|vitest|pytest|go test|backstage-cli (package|repo) test))/i,
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
    run: /\b(gitleaks|trufflehog|detect-secrets|ggshield)\b/i,
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
    uses: /(sigstore\/cosign-installer|cosign)/i,
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
};

/**
 * The gate-policy fact each capability decides. Capabilities without a
 * `repo.workflow.*` fact (build, coverage, smoke tests, canary) are absent.
 * @public
 */
export const WORKFLOW_CAPABILITY_FACTS: Partial<
  Record<WorkflowCapability, string>
> = {
  lint: 'repo.workflow.lint',
  typecheck: 'repo.workflow.typecheck',
  'unit-tests': 'repo.workflow.unit-tests',
  'coverage-threshold': 'repo.workflow.coverage-threshold',
  sast: 'repo.workflow.sast',
  'secrets-scan': 'repo.workflow.secrets-scan',
  'dependency-audit': 'repo.workflow.dependency-audit',
  sbom: 'repo.workflow.sbom',
  signing: 'repo.workflow.signing',
  provenance: 'repo.workflow.provenance',
  'schema-check': 'repo.workflow.schema-check',
};

/**
 * Events whose workflows gate changes (pull requests and pushes).
 * @public
 */
export const DEFAULT_CAPABILITY_EVENTS = ['pull_request', 'push'];

const CAPABILITIES = Object.keys(
  WORKFLOW_CAPABILITY_DETECTORS,
) as WorkflowCapability[];

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface ActionRef {
  name: string;
  with: string;
}

function actionRef(uses: unknown, inputs: unknown): ActionRef | undefined {
  const ref = asString(uses);
  if (!ref) return undefined;
  return { name: ref.split('@')[0], with: JSON.stringify(inputs ?? {}) };
}

/**
 * Capabilities one job provides. Accepts a job as parsed from YAML: its
 * `steps[].run`, `steps[].uses` (+ `with:`) and a reusable workflow's
 * job-level `uses:` (+ `with:`) are inspected.
 * @public
 */
export function jobCapabilities(job: unknown): WorkflowCapability[] {
  const record = asRecord(job) ?? {};
  const steps = Array.isArray(record.steps) ? record.steps : [];
  const actions: ActionRef[] = [];
  const runs: string[] = [];
  const jobAction = actionRef(record.uses, record.with);
  if (jobAction) actions.push(jobAction);
  for (const raw of steps) {
    const step = asRecord(raw) ?? {};
    const action = actionRef(step.uses, step.with);
    if (action) actions.push(action);
    const run = asString(step.run);
    if (run) runs.push(run);
  }
  return CAPABILITIES.filter(cap => {
    const { uses, run, action } = WORKFLOW_CAPABILITY_DETECTORS[cap];
    return (
      (uses !== undefined && actions.some(a => uses.test(a.name))) ||
      (run !== undefined && runs.some(r => run.test(r))) ||
      (action !== undefined &&
        actions.some(a => action.uses.test(a.name) && action.with.test(a.with)))
    );
  });
}

/**
 * Event names of a workflow's `on:` (string, list or map).
 * @public
 */
export function workflowTriggers(workflow: unknown): string[] {
  const doc = asRecord(workflow) ?? {};
  // YAML 1.2 keeps `on` a string key; YAML 1.1 readers turn it into `true`
  const on = doc.on ?? doc.true;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter(t => typeof t === 'string');
  return Object.keys(asRecord(on) ?? {});
}

/**
 * Capabilities of one workflow, per job and in total.
 * @public
 */
export interface WorkflowCapabilityReport {
  /** Event names from `on:`. */
  triggers: string[];
  /** Job id → capabilities of that job. */
  jobs: Record<string, WorkflowCapability[]>;
  /** Union of the jobs' capabilities, in detector order. */
  capabilities: WorkflowCapability[];
}

/**
 * Options of {@link workflowCapabilities}.
 * @public
 */
export interface WorkflowCapabilityOptions {
  /**
   * Only count the workflow when it runs on one of these events (e.g.
   * {@link DEFAULT_CAPABILITY_EVENTS}); by default every workflow counts.
   */
  events?: string[];
}

/**
 * The capabilities of a parsed workflow document, or `undefined` when the
 * document is not a workflow (no `jobs` map). A workflow that does not run
 * on any of `options.events` provides no capability.
 * @public
 */
export function workflowCapabilities(
  workflow: unknown,
  options: WorkflowCapabilityOptions = {},
): WorkflowCapabilityReport | undefined {
  const jobs = asRecord(asRecord(workflow)?.jobs);
  if (!jobs) return undefined;
  const triggers = workflowTriggers(workflow);
  const report: WorkflowCapabilityReport = {
    triggers,
    jobs: {},
    capabilities: [],
  };
  const { events } = options;
  if (events && !triggers.some(t => events.includes(t))) return report;
  const found = new Set<WorkflowCapability>();
  for (const [id, job] of Object.entries(jobs)) {
    report.jobs[id] = jobCapabilities(job);
    report.jobs[id].forEach(cap => found.add(cap));
  }
  report.capabilities = CAPABILITIES.filter(cap => found.has(cap));
  return report;
}

import {
  ProvidedFacts,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import { prop, yamlDocuments } from './yamlDocuments';

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

/** A CI step reduced to the text the detectors look at. */
interface StepText {
  uses: string;
  run: string;
  with: string;
}

type Detector = (step: StepText) => boolean;

const usesAny =
  (...needles: string[]): Detector =>
  step =>
    needles.some(n => step.uses.includes(n));
const runMatches =
  (pattern: RegExp): Detector =>
  step =>
    pattern.test(step.run);
const any =
  (...detectors: Detector[]): Detector =>
  step =>
    detectors.some(d => d(step));

/** Fact id -> how a workflow step is recognised. */
export const WORKFLOW_DETECTORS: Record<string, Detector> = {
  'repo.workflow.lint': any(
    runMatches(
      /\b(eslint|lint|golangci-lint|ruff|flake8|pylint|rubocop|ktlint|stylelint|hadolint|actionlint)\b/i,
    ),
    usesAny('golangci-lint-action', 'super-linter', '/lint'),
  ),
  'repo.workflow.typecheck': runMatches(
    /\b(tsc|type-?check|typecheck|mypy|pyright|flow check)\b/i,
  ),
  'repo.workflow.unit-tests': runMatches(
    /\b(test|tests|jest|vitest|mocha|pytest|go test|cargo test|mvn\b.*\bverify|gradlew?\b.*\btest)\b/i,
  ),
  'repo.workflow.coverage-threshold': any(
    runMatches(
      /(coverage[-_ ]?threshold|coverageThreshold|--cov-fail-under|fail[-_]under|check-coverage|--min-coverage|coverage[^\n]*--threshold|covermode[^\n]*-coverpkg[^\n]*threshold)/i,
    ),
    step =>
      /(fail_ci_if_error|minimum[-_]coverage|min[-_]coverage|threshold)/i.test(
        step.with,
      ) && /cov/i.test(step.uses),
  ),
  'repo.workflow.sast': any(
    usesAny(
      'github/codeql-action/analyze',
      'semgrep',
      'sonarsource/',
      'bandit',
    ),
    runMatches(/\b(semgrep|codeql|bandit|gosec|brakeman)\b/i),
  ),
  'repo.workflow.secrets-scan': any(
    usesAny('gitleaks', 'trufflehog', 'trufflesecurity/'),
    runMatches(/\b(gitleaks|trufflehog|detect-secrets|ggshield)\b/i),
  ),
  'repo.workflow.dependency-audit': any(
    usesAny(
      'dependency-review-action',
      'osv-scanner',
      'snyk/actions',
      'pypa/gh-action-pip-audit',
    ),
    runMatches(
      /\b(osv-scanner|npm audit|yarn (npm )?audit|pnpm audit|pip-audit|govulncheck|cargo audit|snyk test|bundle[- ]audit)\b/i,
    ),
  ),
  'repo.workflow.sbom': any(
    usesAny('anchore/sbom-action', 'syft', 'cyclonedx'),
    runMatches(/\b(syft|cyclonedx|cdxgen)\b|--format[ =](cyclonedx|spdx)/i),
  ),
  'repo.workflow.signing': any(
    usesAny('sigstore/cosign-installer', 'cosign'),
    runMatches(/\bcosign\s+(sign|attest)/i),
  ),
  'repo.workflow.provenance': any(
    usesAny('attest-build-provenance', 'slsa-framework/slsa-github-generator'),
    runMatches(
      /\b(slsa-verifier|attest-build-provenance|cosign attest[^\n]*slsaprovenance)\b/i,
    ),
  ),
  'repo.workflow.schema-check': any(
    usesAny('bufbuild/buf-breaking-action', 'oasdiff', 'openapi-diff'),
    runMatches(
      /\b(buf (breaking|lint)|oasdiff|openapi-diff|schema[-: ]?(check|compat|compatibility|validate|diff)|check-schema|ajv validate|spectral lint)\b/i,
    ),
  ),
};

function stepTexts(workflow: unknown): StepText[] {
  const jobs = prop(workflow, 'jobs');
  if (!jobs || typeof jobs !== 'object') return [];
  const steps: StepText[] = [];
  for (const job of Object.values(jobs as Record<string, unknown>)) {
    const jobUses = prop(job, 'uses');
    if (typeof jobUses === 'string') {
      steps.push({
        uses: jobUses.toLowerCase(),
        run: '',
        with: JSON.stringify(prop(job, 'with') ?? {}),
      });
    }
    const jobSteps = prop(job, 'steps');
    if (!Array.isArray(jobSteps)) continue;
    for (const step of jobSteps) {
      const uses = prop(step, 'uses');
      const run = prop(step, 'run');
      steps.push({
        uses: typeof uses === 'string' ? uses.toLowerCase() : '',
        run: typeof run === 'string' ? run : '',
        with: JSON.stringify(prop(step, 'with') ?? {}),
      });
    }
  }
  return steps;
}

/**
 * Facts from GitHub Actions workflows (`.github/workflows/*.yml`, parsed as
 * YAML): which quality, security and supply-chain steps CI runs. A repository
 * without workflows gets `repo.workflow.present: false` and unknown step facts.
 */
export function createWorkflowProvider(): ScorecardFactProvider {
  const factIds = Object.keys(WORKFLOW_DETECTORS);
  return {
    id: 'ci-workflows',
    facts: ['repo.workflow.present', ...factIds],
    async provide({ getRepository }) {
      const repo = await getRepository();
      if (!repo) return {};
      const steps: StepText[] = [];
      let workflows = 0;
      for (const file of repo.paths.filter(p => WORKFLOW_FILE.test(p))) {
        const content = await repo.read(file);
        if (!content) continue;
        for (const doc of yamlDocuments(content)) {
          if (prop(doc, 'jobs')) workflows++;
          steps.push(...stepTexts(doc));
        }
      }
      const facts: ProvidedFacts = { 'repo.workflow.present': workflows > 0 };
      // Without GitHub workflows CI may run elsewhere (Jenkins, GitLab, ...):
      // the step facts stay unknown rather than false.
      if (workflows === 0) return facts;
      for (const id of factIds) {
        facts[id] = steps.some(WORKFLOW_DETECTORS[id]);
      }
      return facts;
    },
  };
}

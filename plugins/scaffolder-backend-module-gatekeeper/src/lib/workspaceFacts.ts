import { parseAllDocuments } from 'yaml';
import { checkCodeOwners, CODEOWNERS_PATHS } from './codeowners';
import { findCoverageThreshold } from './coverageThreshold';
import { indexCapabilities, WorkflowCapability } from './workflows';
import { Workspace } from './workspace';

/**
 * A fact observed in a workspace. `detail` names the evidence when the fact
 * holds and exactly what is missing when it does not.
 * @public
 */
export interface FactObservation {
  value: string | number | boolean | undefined;
  detail: string;
}

/** @public */
export type WorkspaceFactCheck = (ws: Workspace) => Promise<FactObservation>;

/** Default location of the OpenSLO file, overridable by annotation. @public */
export const SLO_FILE_ANNOTATION = 'gatekeeper.dev/slo-file';
/** @public */
export const DEFAULT_SLO_FILE = 'slo/openslo.yaml';

const PR_TEMPLATE_PATHS = [
  '.github/pull_request_template.md',
  '.github/PULL_REQUEST_TEMPLATE.md',
  'pull_request_template.md',
  'PULL_REQUEST_TEMPLATE.md',
  'docs/pull_request_template.md',
];

const MANIFEST_DIR = /^(deploy|k8s|kubernetes|manifests|charts|helm)\//;
const SOURCE_FILE = /\.(ts|js|mjs|cjs|py|go)$/;
const TEST_FILE =
  /(\.test\.|\.spec\.|(^|\/)tests?\/|_test\.go$|(^|\/)test_[^/]*\.py$)/;

function workflowFact(
  capability: WorkflowCapability,
  label: string,
): WorkspaceFactCheck {
  return async ws => {
    const { workflows } = await ws.workflows();
    const jobs = indexCapabilities(workflows)[capability];
    return jobs
      ? { value: true, detail: `${label} in ${jobs.join(', ')}` }
      : {
          value: false,
          detail: `no CI job runs ${label} on pull_request/push (.github/workflows)`,
        };
  };
}

async function codeownersFact(ws: Workspace): Promise<FactObservation> {
  const file = await ws.firstNonEmpty(CODEOWNERS_PATHS);
  if (!file) {
    return {
      value: false,
      detail: `missing file CODEOWNERS (looked in ${CODEOWNERS_PATHS.join(
        ', ',
      )})`,
    };
  }
  const { problems } = checkCodeOwners((await ws.read(file))!);
  return problems.length > 0
    ? { value: false, detail: `${file}: ${problems.join('; ')}` }
    : { value: true, detail: file };
}

async function runbookFiles(ws: Workspace): Promise<string[]> {
  const files = await ws.find(f => /^docs\/runbooks\/.+\.md$/i.test(f));
  const nonEmpty: string[] = [];
  for (const f of files) {
    if ((await ws.read(f))?.trim()) nonEmpty.push(f);
  }
  return nonEmpty;
}

async function rollouts(ws: Workspace) {
  const manifests = await ws.find(
    f => MANIFEST_DIR.test(f) && /\.ya?ml$/.test(f),
  );
  const docs = await ws.yamlDocuments(manifests);
  return {
    rollouts: docs.filter(
      d => d.doc.kind === 'Rollout' && d.doc.spec?.strategy?.canary,
    ),
    templates: docs.filter(
      d =>
        d.doc.kind === 'AnalysisTemplate' ||
        d.doc.kind === 'ClusterAnalysisTemplate',
    ),
  };
}

async function canaryFact(ws: Workspace): Promise<FactObservation> {
  const found = (await rollouts(ws)).rollouts;
  return found.length > 0
    ? {
        value: true,
        detail: found
          .map(r => `${r.file} Rollout "${r.doc.metadata?.name}"`)
          .join(', '),
      }
    : {
        value: false,
        detail:
          'no Argo Rollouts "Rollout" with a canary strategy under deploy/ (or k8s/, manifests/)',
      };
}

function analysisRefs(canary: Record<string, any>): string[] {
  const refs: string[] = [];
  const collect = (analysis: any) => {
    for (const t of analysis?.templates ?? []) {
      if (typeof t?.templateName === 'string') refs.push(t.templateName);
    }
  };
  collect(canary.analysis);
  for (const step of canary.steps ?? []) collect(step?.analysis);
  return refs;
}

async function metricAnalysisFact(ws: Workspace): Promise<FactObservation> {
  const { rollouts: found, templates } = await rollouts(ws);
  if (found.length === 0) {
    return { value: false, detail: 'no canary Rollout to analyse' };
  }
  const problems: string[] = [];
  const evidence: string[] = [];
  for (const r of found) {
    const refs = analysisRefs(r.doc.spec.strategy.canary);
    if (refs.length === 0) {
      problems.push(
        `${r.file}: Rollout "${r.doc.metadata?.name}" has no analysis step or background analysis`,
      );
      continue;
    }
    for (const ref of refs) {
      const template = templates.find(t => t.doc.metadata?.name === ref);
      if (!template) {
        problems.push(
          `${r.file}: AnalysisTemplate "${ref}" is not in the repository`,
        );
        continue;
      }
      const metrics: any[] = template.doc.spec?.metrics ?? [];
      const gated = metrics.filter(
        m =>
          m?.provider &&
          Object.keys(m.provider).length > 0 &&
          (m.successCondition || m.failureCondition),
      );
      if (gated.length === 0) {
        problems.push(
          `${template.file}: AnalysisTemplate "${ref}" has no metric with a provider and a success/failure condition`,
        );
      } else {
        evidence.push(
          `${template.file} (${gated
            .map(m => `${m.name} via ${Object.keys(m.provider)[0]}`)
            .join(', ')})`,
        );
      }
    }
  }
  return problems.length > 0
    ? { value: false, detail: problems.join('; ') }
    : { value: true, detail: evidence.join(', ') };
}

/** First document of a YAML text (catalog-info.yaml may hold several). @public */
export function firstYamlDocument(text: string): any {
  const [doc] = parseAllDocuments(text);
  if (!doc) return undefined;
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc.toJS();
}

/** The OpenSLO file named by catalog-info.yaml, or the default path. @public */
export async function sloFilePath(ws: Workspace): Promise<string> {
  const text = await ws.read('catalog-info.yaml');
  if (text) {
    try {
      const annotations = firstYamlDocument(text)?.metadata?.annotations ?? {};
      if (typeof annotations[SLO_FILE_ANNOTATION] === 'string') {
        return annotations[SLO_FILE_ANNOTATION];
      }
    } catch {
      // an unparsable catalog-info.yaml is reported by its own check
    }
  }
  return DEFAULT_SLO_FILE;
}

async function sloFact(ws: Workspace): Promise<FactObservation> {
  const file = await sloFilePath(ws);
  if (!(await ws.read(file))) {
    return { value: false, detail: `missing file ${file} (OpenSLO)` };
  }
  const slos = (await ws.yamlDocuments([file])).filter(
    d =>
      d.doc.kind === 'SLO' &&
      typeof d.doc.apiVersion === 'string' &&
      d.doc.apiVersion.startsWith('openslo/'),
  );
  const valid = slos.filter(d =>
    (d.doc.spec?.objectives ?? []).some(
      (o: any) => typeof o?.target === 'number' && o.target > 0 && o.target < 1,
    ),
  );
  return valid.length > 0
    ? {
        value: true,
        detail: `${file}: ${valid.map(v => v.doc.metadata?.name).join(', ')}`,
      }
    : {
        value: false,
        detail: `${file} has no OpenSLO "kind: SLO" with an objective target between 0 and 1`,
      };
}

async function sourceMatch(
  ws: Workspace,
  pattern: RegExp,
  what: string,
): Promise<FactObservation> {
  const files = await ws.find(f => SOURCE_FILE.test(f) && !TEST_FILE.test(f));
  for (const f of files) {
    const text = await ws.read(f);
    if (text && pattern.test(text)) {
      return { value: true, detail: `${what} in ${f}` };
    }
  }
  return { value: false, detail: `no ${what} found in the service sources` };
}

/**
 * Facts of the gate policy that can be decided from the files of a generated
 * repository, before it is published. Keys are policy fact ids.
 * @public
 */
export const WORKSPACE_FACT_CHECKS: Record<string, WorkspaceFactCheck> = {
  'repo.codeowners.present': codeownersFact,
  'repo.pr-template.present': async ws => {
    const file = await ws.firstNonEmpty(PR_TEMPLATE_PATHS);
    return file
      ? { value: true, detail: file }
      : {
          value: false,
          detail: 'missing file .github/pull_request_template.md',
        };
  },
  'repo.runbooks.present': async ws => {
    const files = await runbookFiles(ws);
    return files.length > 0
      ? { value: true, detail: files.join(', ') }
      : { value: false, detail: 'missing runbooks: no docs/runbooks/*.md' };
  },
  'repo.rollback-playbook.present': async ws => {
    const files = (await runbookFiles(ws)).filter(f => /rollback/i.test(f));
    return files.length > 0
      ? { value: true, detail: files.join(', ') }
      : {
          value: false,
          detail: 'missing file docs/runbooks/rollback.md (rollback playbook)',
        };
  },
  'repo.workflow.lint': workflowFact('lint', 'lint'),
  'repo.workflow.typecheck': workflowFact('typecheck', 'type-check'),
  'repo.workflow.unit-tests': workflowFact('unit-tests', 'unit tests'),
  'repo.workflow.coverage-threshold': async ws => {
    const tests = await WORKSPACE_FACT_CHECKS['repo.workflow.unit-tests'](ws);
    const threshold = await findCoverageThreshold(ws);
    if (!tests.value) return tests;
    return threshold
      ? {
          value: true,
          detail: `${threshold.lines}% lines enforced by ${threshold.source}`,
        }
      : {
          value: false,
          detail:
            'unit tests run in CI but no line-coverage threshold is configured (vitest thresholds.lines, jest coverageThreshold, --cov-fail-under)',
        };
  },
  'repo.workflow.sast': workflowFact('sast', 'SAST (CodeQL/semgrep)'),
  'repo.workflow.secrets-scan': workflowFact(
    'secrets-scan',
    'a secrets scan (gitleaks/trufflehog)',
  ),
  'repo.workflow.dependency-audit': workflowFact(
    'dependency-audit',
    'a dependency audit (osv-scanner/dependency-review/npm audit/pip-audit)',
  ),
  'repo.workflow.sbom': workflowFact(
    'sbom',
    'SBOM generation (syft/sbom-action)',
  ),
  'repo.workflow.signing': workflowFact('signing', 'artifact signing (cosign)'),
  'repo.workflow.provenance': workflowFact(
    'provenance',
    'build provenance (attest-build-provenance/slsa-github-generator)',
  ),
  'repo.workflow.schema-check': workflowFact(
    'schema-check',
    'a schema check (OpenAPI/JSON schema)',
  ),
  'repo.canary.present': canaryFact,
  'repo.canary.metric-analysis': metricAnalysisFact,
  'slo.defined': sloFact,
  'service.health-check': ws =>
    sourceMatch(
      ws,
      /['"`]\/(healthz|health|livez|readyz)['"`]/,
      'a health endpoint (/healthz, /health, /livez or /readyz)',
    ),
  'service.structured-logging': ws =>
    sourceMatch(
      ws,
      /(JSON\.stringify\(\s*\{[\s\S]{0,300}?\blevel\b|\bpino\b|format\.json\(|structlog|JsonFormatter|python-json-logger|json\.dumps\(\s*\{[\s\S]{0,300}?["']level["']|slog\.NewJSONHandler|zap\.NewProduction)/,
      'structured JSON logging',
    ),
  // A workspace cannot measure coverage; it can check that the test tool
  // enforces at least the gate's value, which makes CI fail below it.
  'ci.coverage.lines': async ws => {
    const threshold = await findCoverageThreshold(ws);
    return threshold
      ? {
          value: threshold.lines,
          detail: `configured threshold ${threshold.lines}% lines (${threshold.source})`,
        }
      : {
          value: undefined,
          detail: 'no line-coverage threshold configured in the test tool',
        };
  },
};

/**
 * Facts known to come from outside the repository files, with where they do
 * come from. They are reported as deferred, not as failures.
 * @public
 */
export const DEFERRED_FACT_SOURCES: { prefix: string; source: string }[] = [
  { prefix: 'ci.', source: 'pushed by CI runs after the repository exists' },
  {
    prefix: 'scm.',
    source:
      'the SCM; branch protection is applied by publish:github from this template',
  },
  { prefix: 'slo.error-budget', source: 'the SLO backend at runtime' },
  { prefix: 'incident.', source: 'the incident provider at runtime' },
];

import fs from 'fs-extra';
import path from 'node:path';
import { parse } from 'yaml';

/** One step of a workflow job, reduced to what the detectors need. @public */
export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** One job of a GitHub Actions workflow. @public */
export interface WorkflowJob {
  /** Workflow file, relative to the repository root. */
  file: string;
  id: string;
  name?: string;
  /** `uses:` of a reusable-workflow job. */
  uses?: string;
  needs: string[];
  if?: string;
  permissions?: unknown;
  steps: WorkflowStep[];
  strategy?: { matrix?: unknown };
}

/** A parsed GitHub Actions workflow. @public */
export interface Workflow {
  file: string;
  name?: string;
  /** Event names from `on:` (e.g. `pull_request`, `push`). */
  triggers: string[];
  permissions?: unknown;
  jobs: WorkflowJob[];
}

/** Result of reading the workflows of a repository. @public */
export interface WorkflowReadResult {
  workflows: Workflow[];
  /** Workflow files that are not valid YAML or not a workflow. */
  errors: { file: string; message: string }[];
}

export const WORKFLOW_DIR = '.github/workflows';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter(t => typeof t === 'string');
  const record = asRecord(on);
  return record ? Object.keys(record) : [];
}

function toStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

/**
 * Parses one workflow file. Throws with a readable message when the text is
 * not YAML or has no `jobs` map.
 * @public
 */
export function parseWorkflow(file: string, text: string): Workflow {
  const doc = asRecord(parse(text));
  const jobs = asRecord(doc?.jobs);
  if (!doc || !jobs) {
    throw new Error(`${file} has no "jobs" map`);
  }
  return {
    file,
    name: typeof doc.name === 'string' ? doc.name : undefined,
    // YAML 1.2 keeps `on` a string key; YAML 1.1 readers would turn it into true
    triggers: triggersOf(doc.on ?? doc.true),
    permissions: doc.permissions,
    jobs: Object.entries(jobs).map(([id, raw]) => {
      const job = asRecord(raw) ?? {};
      const steps = Array.isArray(job.steps) ? job.steps : [];
      return {
        file,
        id,
        name: typeof job.name === 'string' ? job.name : undefined,
        uses: typeof job.uses === 'string' ? job.uses : undefined,
        needs: toStringList(job.needs),
        if: typeof job.if === 'string' ? job.if : undefined,
        permissions: job.permissions,
        strategy: asRecord(job.strategy) as WorkflowJob['strategy'],
        steps: steps.map(s => {
          const step = asRecord(s) ?? {};
          return {
            name: typeof step.name === 'string' ? step.name : undefined,
            uses: typeof step.uses === 'string' ? step.uses : undefined,
            run: typeof step.run === 'string' ? step.run : undefined,
            with: asRecord(step.with),
          };
        }),
      };
    }),
  };
}

/**
 * Reads every `.github/workflows/*.yml|yaml` file under `rootDir`.
 * @public
 */
export async function readWorkflows(
  rootDir: string,
): Promise<WorkflowReadResult> {
  const dir = path.join(rootDir, WORKFLOW_DIR);
  const result: WorkflowReadResult = { workflows: [], errors: [] };
  if (!(await fs.pathExists(dir))) {
    return result;
  }
  const files = (await fs.readdir(dir)).filter(f => /\.ya?ml$/.test(f)).sort();
  for (const f of files) {
    const rel = `${WORKFLOW_DIR}/${f}`;
    try {
      const text = await fs.readFile(path.join(dir, f), 'utf8');
      result.workflows.push(parseWorkflow(rel, text));
    } catch (e) {
      result.errors.push({ file: rel, message: (e as Error).message });
    }
  }
  return result;
}

/**
 * CI capabilities that map to the `repo.workflow.*` facts of the gate policy.
 * @public
 */
export type WorkflowCapability =
  | 'lint'
  | 'typecheck'
  | 'unit-tests'
  | 'coverage'
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

interface Detector {
  /** Matched against `uses:` references (without the `@ref`). */
  uses?: RegExp;
  /** Matched against `run:` scripts. */
  run?: RegExp;
}

/**
 * How each capability is recognised. Exported so the scorecards fact
 * providers can use the same rules (see the module README).
 * @public
 */
export const CAPABILITY_DETECTORS: Record<WorkflowCapability, Detector> = {
  lint: {
    run: /\b(eslint|(npm|pnpm|yarn)( run)? lint|ruff (check|format --check)|flake8|pylint|golangci-lint|backstage-cli (package|repo) lint|biome (check|lint))\b/,
    uses: /^golangci\/golangci-lint-action$/,
  },
  typecheck: {
    run: /\b(tsc\b|(npm|pnpm|yarn)( run)? (type-?check|tsc)\b|mypy\b|pyright\b|go vet\b)/,
  },
  'unit-tests': {
    run: /\b(jest|vitest|(npm|pnpm|yarn)( run)? test\b|npm t\b|pytest|go test|backstage-cli (package|repo) test)/,
  },
  coverage: {
    run: /(--coverage\b|--cov\b|--cov=|-coverprofile|coverage run|test:coverage|\b(npm|pnpm|yarn)( run)? test\b|pytest\b|vitest\b)/,
  },
  build: {
    run: /\b((npm|pnpm|yarn)( run)? build\b|tsc -p|go build|python -m build|docker (buildx )?build|npm pack)/,
    uses: /^docker\/build-push-action$/,
  },
  sast: {
    uses: /^(github\/codeql-action\/analyze|returntocorp\/semgrep-action|semgrep\/semgrep-action|securego\/gosec)$/,
    run: /\b(semgrep (ci|scan)|gosec|bandit -r)\b/,
  },
  'secrets-scan': {
    uses: /^(gitleaks\/gitleaks-action|trufflesecurity\/trufflehog)$/,
    run: /\b(gitleaks (detect|git|dir|protect)|trufflehog (git|filesystem|github))\b/,
  },
  'dependency-audit': {
    uses: /^(actions\/dependency-review-action|google\/osv-scanner-action(\/.*)?)$/,
    run: /\b(osv-scanner|npm audit|yarn npm audit|pnpm audit|pip-audit|govulncheck|safety check)\b/,
  },
  sbom: {
    uses: /^anchore\/sbom-action(\/.*)?$/,
    run: /\b(syft |cyclonedx-(py|npm|gomod)|@cyclonedx\/cyclonedx-npm)/,
  },
  signing: {
    run: /\bcosign sign(-blob)?\b/,
  },
  provenance: {
    uses: /^(actions\/attest-build-provenance|slsa-framework\/slsa-github-generator\/.*)$/,
  },
  'schema-check': {
    run: /(openapi|oasdiff|spectral lint|redocly(\/cli)? lint|buf breaking|check-jsonschema|schema[:-]check)/i,
  },
  'smoke-tests': { run: /smoke/i },
  canary: { run: /\b(kubectl[- ]argo[- ]rollouts|argo rollouts)\b/ },
};

function actionName(uses: string): string {
  return uses.split('@')[0];
}

/** Capabilities one job provides. @public */
export function jobCapabilities(job: WorkflowJob): WorkflowCapability[] {
  const found = new Set<WorkflowCapability>();
  const refs = [
    ...(job.uses ? [job.uses] : []),
    ...job.steps.flatMap(s => (s.uses ? [s.uses] : [])),
  ].map(actionName);
  const runs = job.steps.flatMap(s => (s.run ? [s.run] : []));
  for (const [cap, detector] of Object.entries(CAPABILITY_DETECTORS) as [
    WorkflowCapability,
    Detector,
  ][]) {
    if (
      (detector.uses && refs.some(r => detector.uses!.test(r))) ||
      (detector.run && runs.some(r => detector.run!.test(r)))
    ) {
      found.add(cap);
    }
  }
  return [...found];
}

/** Capability → the jobs (`file#job`) providing it. @public */
export type CapabilityIndex = Partial<Record<WorkflowCapability, string[]>>;

/**
 * Indexes which jobs provide which capability, over the workflows that run
 * on the given events (default: pull requests and pushes).
 * @public
 */
export function indexCapabilities(
  workflows: Workflow[],
  events: string[] = ['pull_request', 'push'],
): CapabilityIndex {
  const index: CapabilityIndex = {};
  for (const wf of workflows) {
    if (!wf.triggers.some(t => events.includes(t))) continue;
    for (const job of wf.jobs) {
      for (const cap of jobCapabilities(job)) {
        (index[cap] ??= []).push(`${wf.file}#${job.id}`);
      }
    }
  }
  return index;
}

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;

/**
 * Actions that are not pinned to a full commit SHA. Local actions (`./`),
 * `docker://` images and slsa-github-generator (which must be referenced by
 * tag, see its README) are exempt.
 * @public
 */
export function unpinnedActions(workflows: Workflow[]): string[] {
  const problems: string[] = [];
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      const refs = [
        ...(job.uses ? [job.uses] : []),
        ...job.steps.flatMap(s => (s.uses ? [s.uses] : [])),
      ];
      for (const ref of refs) {
        if (
          ref.startsWith('./') ||
          ref.startsWith('docker://') ||
          ref.startsWith('slsa-framework/slsa-github-generator/')
        ) {
          continue;
        }
        if (!SHA_PIN.test(ref)) {
          problems.push(`${wf.file} job "${job.id}" uses ${ref}`);
        }
      }
    }
  }
  return problems;
}

/**
 * Workflows whose top-level `permissions` is missing or grants more than
 * `contents: read` (elevation belongs on the jobs that need it).
 * @public
 */
export function overPrivilegedWorkflows(workflows: Workflow[]): string[] {
  const problems: string[] = [];
  for (const wf of workflows) {
    const perms = asRecord(wf.permissions);
    if (wf.permissions === undefined) {
      problems.push(`${wf.file} has no top-level "permissions"`);
    } else if (typeof wf.permissions === 'string' || !perms) {
      problems.push(
        `${wf.file} top-level permissions is "${String(
          wf.permissions,
        )}" (use a map with contents: read)`,
      );
    } else {
      const extra = Object.entries(perms).filter(
        ([scope, level]) =>
          !(scope === 'contents' && level === 'read') && level !== 'none',
      );
      if (extra.length > 0) {
        problems.push(
          `${wf.file} top-level permissions grant ${extra
            .map(([s, l]) => `${s}: ${l}`)
            .join(', ')} (grant them on the job that needs them)`,
        );
      }
    }
  }
  return problems;
}

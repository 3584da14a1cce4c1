import fs from 'fs-extra';
import path from 'node:path';
import { parse } from 'yaml';
import {
  DEFAULT_CAPABILITY_EVENTS,
  locateLine,
  WorkflowCapability,
  workflowCapabilities,
  workflowTriggers,
} from '@gatekeeper/plugin-scorecards-common';

// Capability detection lives in scorecards-common so that baseline verify and
// the scorecard facts can never disagree.
export { jobCapabilities } from '@gatekeeper/plugin-scorecards-common';
export type { WorkflowCapability } from '@gatekeeper/plugin-scorecards-common';

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
  /** `with:` inputs of a reusable-workflow job. */
  with?: Record<string, unknown>;
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
  /** The parsed document as written (branch filters, `if:`, `continue-on-error`). */
  doc?: Record<string, unknown>;
  /** The workflow text, to name lines in evidence. */
  text?: string;
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
    doc,
    text,
    name: typeof doc.name === 'string' ? doc.name : undefined,
    triggers: workflowTriggers(doc),
    permissions: doc.permissions,
    jobs: Object.entries(jobs).map(([id, raw]) => {
      const job = asRecord(raw) ?? {};
      const steps = Array.isArray(job.steps) ? job.steps : [];
      return {
        file,
        id,
        name: typeof job.name === 'string' ? job.name : undefined,
        uses: typeof job.uses === 'string' ? job.uses : undefined,
        with: asRecord(job.with),
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

/** Capability → the jobs (`file#job`) providing it. @public */
export type CapabilityIndex = Partial<Record<WorkflowCapability, string[]>>;

/**
 * Indexes which jobs provide which capability, over the workflows that run
 * on the given events (default: pull requests and pushes). Detection is the
 * shared implementation of `@gatekeeper/plugin-scorecards-common`, the one
 * the scorecards `repo.workflow.*` facts use.
 * @public
 */
export function indexCapabilities(
  workflows: Workflow[],
  events: string[] = DEFAULT_CAPABILITY_EVENTS,
): CapabilityIndex {
  const index: CapabilityIndex = {};
  for (const wf of workflows) {
    const report = workflowCapabilities(
      wf.doc ?? {
        on: wf.triggers,
        jobs: Object.fromEntries(wf.jobs.map(job => [job.id, job])),
      },
      { events, text: wf.text, requireGateTriggers: true },
    );
    for (const [jobId, caps] of Object.entries(report?.jobs ?? {})) {
      for (const cap of caps) {
        (index[cap] ??= []).push(`${wf.file}#${jobId}`);
      }
    }
  }
  return index;
}

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;

/** `file:line` of the first line at or after `from` matching `test`. */
function where(wf: Workflow, test: (line: string) => boolean, from = 0) {
  const lines = wf.text?.split('\n') ?? [];
  const index = lines.findIndex((l, i) => i >= from && test(l));
  return index >= 0 ? `${wf.file}:${index + 1}` : wf.file;
}

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
          const jobLine = locateLine(wf.text, job.id) ?? 1;
          const at = where(wf, l => l.includes(`uses: ${ref}`), jobLine - 1);
          problems.push(`${at} job "${job.id}" uses ${ref}`);
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
    const at = where(wf, l => /^permissions:/.test(l));
    if (wf.permissions === undefined) {
      problems.push(`${wf.file} has no top-level "permissions"`);
    } else if (typeof wf.permissions === 'string' || !perms) {
      problems.push(
        `${at} top-level permissions is "${String(
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
          `${at} top-level permissions grant ${extra
            .map(([s, l]) => `${s}: ${l}`)
            .join(', ')} (grant them on the job that needs them)`,
        );
      }
    }
  }
  return problems;
}

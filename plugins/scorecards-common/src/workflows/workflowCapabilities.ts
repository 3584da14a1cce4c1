import {
  WORKFLOW_CAPABILITIES as CAPABILITIES,
  WorkflowCapability,
} from './detectors';
import { analyzeJob, WorkflowGateEvidence } from './analyzeJob';
import { gateTriggerProblem } from './gateAnalysis';

export * from './detectors';
export * from './analyzeJob';

/**
 * CI capabilities of GitHub Actions workflows. The single implementation used
 * by the scorecards fact provider (`repo.workflow.*` facts) and by the
 * scaffolder module (`gatekeeper:baseline:verify`, required checks), so a
 * generated repository and its scorecard can never disagree about them.
 *
 * Pure and isomorphic: works on parsed workflow YAML objects, reads no files.
 */

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

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

/**
 * Capabilities one job provides (see {@link analyzeJob}). Accepts a job as
 * parsed from YAML: its `steps[].run`, `steps[].uses` (+ `with:`) and a
 * reusable workflow's job-level `uses:` (+ `with:`) are inspected.
 * @public
 */
export function jobCapabilities(job: unknown): WorkflowCapability[] {
  return analyzeJob(job).capabilities;
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
  /** Why each job counts or not, naming job and line. */
  evidence: WorkflowGateEvidence[];
  /** Set when the workflow does not gate the default branch at all. */
  triggerProblem?: string;
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
  /** Default branch the gates protect (default `main`). */
  defaultBranch?: string;
  /**
   * Only count workflows that run on pushes to and pull requests against
   * the default branch. Baseline verify sets it; default false so callers
   * that pass no options keep their behaviour.
   */
  requireGateTriggers?: boolean;
  /** Workflow text, to name lines in evidence. */
  text?: string;
  /** Minimum line threshold that counts as a coverage gate (default 80). */
  minCoverage?: number;
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
    evidence: [],
  };
  const { events } = options;
  if (events && !triggers.some(t => events.includes(t))) return report;
  if (options.requireGateTriggers) {
    report.triggerProblem = gateTriggerProblem(workflow, options.defaultBranch);
    if (report.triggerProblem) return report;
  }
  const found = new Set<WorkflowCapability>();
  for (const [id, job] of Object.entries(jobs)) {
    const analysis = analyzeJob(job, id, options);
    report.jobs[id] = analysis.capabilities;
    report.evidence.push(...analysis.evidence);
    analysis.capabilities.forEach(cap => found.add(cap));
  }
  report.capabilities = CAPABILITIES.filter(cap => found.has(cap));
  return report;
}

import {
  COVERAGE_OFF,
  disabledReason,
  effectiveRunLines,
  locateLine,
  PUSH_ONLY_CAPABILITIES,
  scriptCoverageThreshold,
  singleEventCondition,
} from './gateAnalysis';
import {
  WORKFLOW_CAPABILITIES as CAPABILITIES,
  WORKFLOW_CAPABILITY_DETECTORS,
  WorkflowCapability,
} from './detectors';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Line coverage below this is not a coverage gate (the policy's 80%). */
export const DEFAULT_MIN_COVERAGE = 80;

/**
 * Why a job counts (or not) for a capability, naming the job and line.
 * @public
 */
export interface WorkflowGateEvidence {
  job: string;
  /** 1-based line in the workflow text, when the text was given. */
  line?: number;
  capability: WorkflowCapability;
  status: 'counted' | 'ignored';
  reason: string;
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

function matchCapabilities(actions: ActionRef[], runs: string[]) {
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

/** Options of {@link analyzeJob}. @public */
export interface AnalyzeJobOptions {
  /** Workflow text, to name lines in evidence. */
  text?: string;
  /** Minimum line threshold that counts as a coverage gate (default 80). */
  minCoverage?: number;
}

type Ignore = (
  caps: WorkflowCapability[],
  reason: string,
  line?: number,
) => void;

/** Capabilities one step really provides (evidence through `ignore`). */
function stepCapabilities(
  rawStep: unknown,
  at: { jobId: string; index: number; line?: number; minCoverage: number },
  ignore: Ignore,
): { real: WorkflowCapability[]; lines: string[] } {
  const step = asRecord(rawStep) ?? {};
  const action = actionRef(step.uses, step.with);
  const run = asString(step.run);
  const caps = matchCapabilities(action ? [action] : [], run ? [run] : []);
  const name = `step ${at.index + 1} of job "${at.jobId}"`;
  if (caps.length === 0) return { real: [], lines: [] };
  const event = singleEventCondition(step);
  const disabled =
    disabledReason(step) ?? (event ? `runs on ${event} only` : undefined);
  if (disabled) {
    ignore(caps, `${name} is disabled (${disabled})`, at.line);
    return { real: [], lines: [] };
  }
  const lines = run ? effectiveRunLines(run) : [];
  const real = matchCapabilities(
    action ? [action] : [],
    lines.length ? [lines.join('\n')] : [],
  );
  ignore(
    caps.filter(c => !real.includes(c)),
    `${name} does not invoke the tool (echo, comment or swallowed failure)`,
    at.line,
  );
  const threshold = run ? scriptCoverageThreshold(lines.join('\n')) : undefined;
  if (
    real.includes('coverage-threshold') &&
    threshold !== undefined &&
    threshold < at.minCoverage
  ) {
    real.splice(real.indexOf('coverage-threshold'), 1);
    ignore(
      ['coverage-threshold'],
      `${name} sets line coverage ${threshold}% < ${at.minCoverage}%`,
      at.line,
    );
  }
  return { real, lines };
}

/**
 * Capabilities one job really provides, with evidence: a disabled job
 * (`if: false`, `continue-on-error: true`) provides none; disabled steps,
 * echo/no-op lines and swallowed failures do not count; coverage turned off
 * or a threshold below `minCoverage` is no coverage gate; a job or step for
 * one event only does not gate the other (signing, provenance and SBOM may
 * run on pushes only).
 * @public
 */
export function analyzeJob(
  job: unknown,
  jobId = 'job',
  options: AnalyzeJobOptions = {},
): { capabilities: WorkflowCapability[]; evidence: WorkflowGateEvidence[] } {
  const record = asRecord(job) ?? {};
  const steps = Array.isArray(record.steps) ? record.steps : [];
  const evidence: WorkflowGateEvidence[] = [];
  const ignore: Ignore = (caps, reason, line) =>
    caps.forEach(capability =>
      evidence.push({
        job: jobId,
        line,
        capability,
        status: 'ignored',
        reason,
      }),
    );
  const jobLine = locateLine(options.text, jobId);
  const jobAction = actionRef(record.uses, record.with);
  const jobDisabled = disabledReason(record);
  if (jobDisabled) {
    const actions = [
      jobAction,
      ...steps.map(st => actionRef(asRecord(st)?.uses, asRecord(st)?.with)),
    ].filter((a): a is ActionRef => Boolean(a));
    const runs = steps
      .map(st => asString(asRecord(st)?.run))
      .filter((r): r is string => Boolean(r));
    ignore(
      matchCapabilities(actions, runs),
      `job "${jobId}" is disabled (${jobDisabled})`,
      jobLine,
    );
    return { capabilities: [], evidence };
  }
  const jobEvent = singleEventCondition(record);
  const allowed = (cap: WorkflowCapability) =>
    !jobEvent || (jobEvent === 'push' && PUSH_ONLY_CAPABILITIES.includes(cap));
  const found = new Set<WorkflowCapability>(
    jobAction ? matchCapabilities([jobAction], []) : [],
  );
  const effective: string[] = [];
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  steps.forEach((rawStep, index) => {
    const line = locateLine(options.text, jobId, index);
    const { real, lines } = stepCapabilities(
      rawStep,
      { jobId, index, line, minCoverage },
      ignore,
    );
    ignore(
      real.filter(c => !allowed(c)),
      `job "${jobId}" runs on ${jobEvent} only`,
      line,
    );
    effective.push(...lines);
    for (const capability of real.filter(allowed)) {
      found.add(capability);
      const reason = `step ${index + 1} of job "${jobId}"`;
      evidence.push({
        job: jobId,
        line,
        capability,
        status: 'counted',
        reason,
      });
    }
  });
  if (effective.some(l => COVERAGE_OFF.test(l))) {
    for (const c of ['coverage', 'coverage-threshold'] as const) {
      if (found.delete(c))
        ignore([c], `job "${jobId}" turns coverage off`, jobLine);
    }
  }
  return { capabilities: CAPABILITIES.filter(c => found.has(c)), evidence };
}

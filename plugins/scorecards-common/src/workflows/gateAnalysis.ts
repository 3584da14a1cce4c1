/**
 * What makes a workflow job a real gate: it runs on the default branch's
 * pushes and pull requests, is not disabled (`if: false`,
 * `continue-on-error: true`), and its steps really invoke the tool (not an
 * echo, a comment or a command whose failure is swallowed).
 *
 * Pure and isomorphic: works on parsed workflow YAML objects; the optional
 * workflow text only serves to name the line of a job or step in evidence.
 */

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Branch filter of one trigger: does it include `branch`? */
function filterIncludes(trigger: unknown, branch: string): boolean {
  const config = asRecord(trigger);
  if (!config) return true; // `on: [push]` / `push:` with no filters
  const list = (v: unknown): string[] => {
    if (Array.isArray(v)) return v.map(String);
    return typeof v === 'string' ? [v] : [];
  };
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '.*')
        .replace(/\*/g, '[^/]*')}$`,
    ).test(branch);
  if (config['branches-ignore'] !== undefined) {
    return !list(config['branches-ignore']).some(matches);
  }
  if (config.branches !== undefined) {
    const patterns = list(config.branches);
    const included = patterns.filter(p => !p.startsWith('!')).some(matches);
    const excluded = patterns
      .filter(p => p.startsWith('!'))
      .some(p => matches(p.slice(1)));
    return included && !excluded;
  }
  // `push: tags: [...]` alone runs for tags only, never for branch pushes
  return !(config.tags !== undefined || config['tags-ignore'] !== undefined);
}

/**
 * Why a workflow does not gate the default branch (no push or no pull
 * request trigger reaching it), or `undefined` when it does.
 * @public
 */
export function gateTriggerProblem(
  workflow: unknown,
  defaultBranch = 'main',
): string | undefined {
  const doc = asRecord(workflow) ?? {};
  const on = doc.on ?? doc.true;
  let triggers: Record<string, unknown> = asRecord(on) ?? {};
  if (typeof on === 'string') triggers = { [on]: undefined };
  if (Array.isArray(on)) {
    triggers = Object.fromEntries(on.map(t => [String(t), undefined]));
  }
  const missing = ['push', 'pull_request'].filter(
    event =>
      !(event in triggers) || !filterIncludes(triggers[event], defaultBranch),
  );
  if (missing.length === 0) return undefined;
  return `does not run on ${missing
    .map(e => (e === 'push' ? 'pushes to' : 'pull requests to'))
    .join(' and ')} ${defaultBranch}`;
}

/** `if:` that can never hold (`false`, `${{ false }}`, `0`, `''`). */
function neverRuns(condition: unknown): boolean {
  if (condition === false || condition === 0) return true;
  if (typeof condition !== 'string') return false;
  const c = condition
    .trim()
    .replace(/^\$\{\{\s*|\s*\}\}$/g, '')
    .trim();
  return /^(false|0|''|""|null)$/i.test(c);
}

/**
 * Why a job or step cannot fail the run (disabled or allowed to fail), or
 * `undefined`.
 * @public
 */
export function disabledReason(node: unknown): string | undefined {
  const record = asRecord(node) ?? {};
  if (neverRuns(record.if)) return `if: ${String(record.if)}`;
  if (
    typeof record.if === 'string' &&
    /^\s*(\$\{\{\s*)?failure\(\)(\s*\}\})?\s*$/.test(record.if)
  ) {
    return 'runs only after a failure (if: failure())';
  }
  const coe = record['continue-on-error'];
  if (coe === true || (typeof coe === 'string' && /^\s*true\s*$/i.test(coe))) {
    return 'continue-on-error: true';
  }
  return undefined;
}

/** Lines that invoke nothing: comments, echo/printf, `true`, `:`, `exit 0`. */
const NO_OP_LINE =
  /^\s*(#.*|echo\b.*|printf\b.*|true|:|exit\s+0|sleep\b.*|cat\s+<<.*)?\s*$/;
/** A command whose failure is swallowed: `tool || true`, `tool; true`... */
const SWALLOWED =
  /(\|\|\s*(true|:|exit\s+0|echo\b.*)\s*$|;\s*(true|exit\s+0)\s*$)/;

/**
 * The lines of a `run:` script that really invoke a command whose failure
 * fails the step.
 * @public
 */
export function effectiveRunLines(run: string): string[] {
  return run
    .split('\n')
    .filter(line => !NO_OP_LINE.test(line) && !SWALLOWED.test(line));
}

/** Flags that turn coverage off for a test command. */
export const COVERAGE_OFF = /(--no-cov\b|--coverage(\.enabled)?[= ]false\b)/;

const THRESHOLD_NUMBER = [
  /--cov-fail-under[= ](\d+(?:\.\d+)?)/,
  /--fail-under[= ](\d+(?:\.\d+)?)/,
  /--coverage\.thresholds\.lines[= ](\d+(?:\.\d+)?)/,
  /--min-coverage[= ](\d+(?:\.\d+)?)/,
  /check-coverage\b[^\n]*?--lines[= ](\d+(?:\.\d+)?)/,
  /coverage[-_]?threshold[^\n\s]*(?:\s+[^\s-]\S*)*?\s+(\d+(?:\.\d+)?)\s*$/,
  /"lines":\s*(\d+(?:\.\d+)?)/,
];

/**
 * The line-coverage threshold a script passes on its command line, when it
 * names one.
 * @public
 */
export function scriptCoverageThreshold(run: string): number | undefined {
  for (const line of run.split('\n')) {
    for (const re of THRESHOLD_NUMBER) {
      const match = re.exec(line.trim());
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

/**
 * 1-based line of a job (or of one of its steps, by index) in the workflow
 * text, found by indentation; `undefined` without text.
 * @public
 */
export function locateLine(
  text: string | undefined,
  jobId: string,
  stepIndex?: number,
): number | undefined {
  if (!text) return undefined;
  const lines = text.split('\n');
  const jobsAt = lines.findIndex(l => /^jobs:\s*(#.*)?$/.test(l));
  const escaped = jobId.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const jobRe = new RegExp(`^(\\s+)['"]?${escaped}['"]?:\\s*(#.*)?$`);
  let jobAt = -1;
  let indent = 0;
  for (let i = jobsAt + 1; i < lines.length; i++) {
    const m = jobRe.exec(lines[i]);
    if (m) {
      jobAt = i;
      indent = m[1].length;
      break;
    }
  }
  if (jobAt < 0) return undefined;
  if (stepIndex === undefined) return jobAt + 1;
  let seen = -1;
  let inSteps = false;
  for (let i = jobAt + 1; i < lines.length; i++) {
    const line = lines[i];
    const lead = line.length - line.trimStart().length;
    if (line.trim() && lead <= indent) break;
    if (/^\s+steps:\s*$/.test(line)) inSteps = true;
    else if (inSteps && /^\s*-\s/.test(line) && lead <= indent + 4) {
      seen++;
      if (seen === stepIndex) return i + 1;
    }
  }
  return jobAt + 1;
}

/** Capabilities that by nature run after merge (they need the push's OIDC token). */
export const PUSH_ONLY_CAPABILITIES = ['signing', 'provenance', 'sbom'];

/**
 * The single event an `if:` restricts a job or step to
 * (`github.event_name == 'push'`), or `undefined`.
 * @public
 */
export function singleEventCondition(node: unknown): string | undefined {
  const condition = asRecord(node)?.if;
  if (typeof condition !== 'string') return undefined;
  const c = condition
    .trim()
    .replace(/^\$\{\{\s*|\s*\}\}$/g, '')
    .trim();
  const m = /^github\.event_name\s*==\s*'([a-z_]+)'$/.exec(c);
  return m ? m[1] : undefined;
}

import { Workflow, WorkflowJob } from './workflows';

function cartesian(
  matrix: Record<string, unknown[]>,
): Record<string, unknown>[] {
  return Object.entries(matrix).reduce<Record<string, unknown>[]>(
    (combos, [key, values]) =>
      combos.flatMap(combo => values.map(v => ({ ...combo, [key]: v }))),
    [{}],
  );
}

function staticMatrix(job: WorkflowJob): Record<string, unknown[]> | undefined {
  const matrix = job.strategy?.matrix;
  if (matrix === undefined) return undefined;
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix)) {
    throw new Error(
      `job "${job.id}" in ${job.file} has a dynamic matrix; its check names cannot be derived`,
    );
  }
  const entries = Object.entries(matrix as Record<string, unknown>);
  if (entries.some(([k]) => k === 'include' || k === 'exclude')) {
    throw new Error(
      `job "${job.id}" in ${job.file} uses matrix include/exclude; list its checks explicitly`,
    );
  }
  if (entries.some(([, v]) => !Array.isArray(v))) {
    throw new Error(
      `job "${job.id}" in ${job.file} has a matrix dimension that is not a static list`,
    );
  }
  return Object.fromEntries(entries) as Record<string, unknown[]>;
}

/**
 * The status-check contexts GitHub reports for a job: its `name` (or id when
 * unnamed); matrix jobs report one check per combination, `name (a, b)`
 * unless the name already interpolates the matrix values.
 * @public
 */
export function jobCheckNames(job: WorkflowJob): string[] {
  if (job.uses) {
    throw new Error(
      `job "${job.id}" in ${job.file} calls a reusable workflow (checks are named "<caller> / <callee job>"); exclude it or list its checks explicitly`,
    );
  }
  const base = job.name ?? job.id;
  const matrix = staticMatrix(job);
  if (!matrix) {
    if (base.includes('${{')) {
      throw new Error(
        `job "${job.id}" in ${job.file} has an expression in its name; its check name cannot be derived`,
      );
    }
    return [base];
  }
  return cartesian(matrix).map(combo => {
    let usedExpression = false;
    const name = base.replace(
      /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g,
      (_, key) => {
        usedExpression = true;
        return String(combo[key]);
      },
    );
    if (name.includes('${{')) {
      throw new Error(
        `job "${job.id}" in ${job.file} has a non-matrix expression in its name`,
      );
    }
    return usedExpression
      ? name
      : `${name} (${Object.values(combo).map(String).join(', ')})`;
  });
}

/** Options of {@link deriveRequiredChecks}. @public */
export interface DeriveRequiredChecksOptions {
  /** Only workflows triggered by one of these events (default pull_request). */
  events?: string[];
  /** Job ids or check names to leave out. */
  exclude?: string[];
}

/**
 * Derives branch-protection required status checks from workflow jobs, so
 * branch protection and CI use the same names. Throws when two jobs would
 * report the same check name or a name cannot be derived statically.
 * @public
 */
export function deriveRequiredChecks(
  workflows: Workflow[],
  options: DeriveRequiredChecksOptions = {},
): string[] {
  const events = options.events ?? ['pull_request'];
  const exclude = new Set(options.exclude ?? []);
  const checks: string[] = [];
  const seen = new Map<string, string>();
  for (const wf of workflows) {
    if (!wf.triggers.some(t => events.includes(t))) continue;
    for (const job of wf.jobs) {
      if (exclude.has(job.id)) continue;
      for (const name of jobCheckNames(job)) {
        if (exclude.has(name)) continue;
        const where = `${wf.file}#${job.id}`;
        const previous = seen.get(name);
        if (previous) {
          throw new Error(
            `check name "${name}" is reported by both ${previous} and ${where}; give the jobs distinct names`,
          );
        }
        seen.set(name, where);
        checks.push(name);
      }
    }
  }
  return checks;
}

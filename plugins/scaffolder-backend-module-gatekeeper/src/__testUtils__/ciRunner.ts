/*
 * Executes the `run:` steps of a rendered ci.yml, job by job and in order,
 * in a fresh copy of the rendered repository per job (as a runner checks out
 * the repository for every job). `uses:` steps are emulated when that is
 * possible offline (checkout, setup-node, setup-python) or named with the
 * reason they cannot run here and what covers them instead.
 */
import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const exec = promisify(execFile);

/** A step that cannot run on this machine, and what covers it instead. */
export interface UnavailableStep {
  job: string;
  /** Step name, or the action reference without `@ref`. */
  step: string;
  reason: string;
  coveredBy: string;
}

export interface CiStepResult {
  job: string;
  step: string;
  outcome: 'ran' | 'failed' | 'emulated' | 'skipped-by-if' | 'unavailable';
  detail?: string;
}

export interface RunCiOptions {
  repoDir: string;
  /** Per-job work directories are created under this directory. */
  workRoot: string;
  /** Jobs to execute, in this order (the gate jobs). */
  jobs: string[];
  unavailable: UnavailableStep[];
  /** Extra environment (PATH with the interpreter, caches...). */
  env: NodeJS.ProcessEnv;
  /** Emulates `uses:` steps; returns a detail line or throws. */
  emulate: (
    uses: string,
    input: Record<string, unknown>,
    cwd: string,
  ) => Promise<string>;
  /** Called once per job directory before its steps (e.g. `git init`). */
  prepare?: (cwd: string) => Promise<void>;
  /** Values of `${{ }}` expressions in step env (vars, secrets). */
  expressions?: Record<string, string>;
  /**
   * Job id -> values that replace variables the job's `env:` sets (e.g. the
   * PG* settings of a service container, pointed at a local server). Each
   * variable must be set by the job, so the workflow keeps naming it.
   */
  jobEnvOverrides?: Record<string, Record<string, string>>;
}

/** Outcome of {@link runCiJobs}. */
export interface CiRun {
  steps: CiStepResult[];
  /** Job id -> `success` | `failure` | `skipped` (as `needs.<job>.result`). */
  jobs: Record<string, string>;
  /** Output of the failed steps. */
  failures: string[];
}

/** `if:` conditions of a push to main (the event the gates protect). */
function conditionHolds(condition: unknown, failed = false): boolean {
  if (condition === undefined) return !failed;
  const c = String(condition)
    .replace(/^\$\{\{\s*|\s*\}\}$/g, '')
    .trim();
  if (c === 'always()') return true;
  if (c === 'failure()') return failed;
  if (c === "github.event_name == 'push'") return !failed;
  if (c === "github.event_name == 'pull_request'") return false;
  throw new Error(`ci runner: unsupported if: ${c}`);
}

/** Replaces the `${{ ... }}` expressions of env values. */
function expand(
  env: Record<string, unknown> | undefined,
  expressions: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
        if (!(expr in expressions)) {
          throw new Error(`ci runner: no value for \${{ ${expr} }}`);
        }
        return expressions[expr];
      }),
    ]),
  );
}

function stepLabel(step: Record<string, any>): string {
  return step.name ?? String(step.uses ?? step.run).split('@')[0];
}

async function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  try {
    return await exec(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      {
        cwd,
        env,
        maxBuffer: 50 * 1024 * 1024,
      },
    );
  } catch (e: any) {
    throw new Error(
      `step failed in ${cwd}:\n$ ${script}\n--- stdout\n${e.stdout}\n--- stderr\n${e.stderr}`,
    );
  }
}

async function runScriptLogged(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
) {
  const { stdout } = await runScript(script, cwd, env);
  return stdout;
}

/** Runs the jobs in order; a failing step fails its job (as on a runner). */
export async function runCiJobs(options: RunCiOptions): Promise<CiRun> {
  const ci = parse(
    await fs.readFile(
      path.join(options.repoDir, '.github/workflows/ci.yml'),
      'utf8',
    ),
  );
  const run: CiRun = { steps: [], jobs: {}, failures: [] };
  for (const jobId of options.jobs) {
    const job = ci.jobs[jobId];
    if (!job) throw new Error(`ci.yml has no job ${jobId}`);
    if (!conditionHolds(job.if)) {
      run.jobs[jobId] = 'skipped';
      continue;
    }
    run.jobs[jobId] = await runJob(options, jobId, job, run);
  }
  return run;
}

/** A step's environment as a runner sets it (push to main). */
async function stepEnvironment(o: {
  base: NodeJS.ProcessEnv;
  jobEnv: Record<string, string>;
  stepEnv: Record<string, string>;
  runnerTemp: string;
  githubPath: string;
}): Promise<NodeJS.ProcessEnv> {
  const extraPath = (await fs.readFile(o.githubPath, 'utf8'))
    .split('\n')
    .filter(Boolean);
  return {
    ...o.base,
    ...o.jobEnv,
    ...o.stepEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: o.runnerTemp,
    GITHUB_PATH: o.githubPath,
    PATH: [...extraPath, o.base.PATH].join(path.delimiter),
  };
}

/** The job's `env:`, expanded, with the test's overrides applied. */
function jobEnvironment(
  options: RunCiOptions,
  jobId: string,
  job: Record<string, any>,
  expressions: Record<string, string>,
): Record<string, string> {
  const jobEnv = expand(job.env, expressions);
  for (const [key, value] of Object.entries(
    options.jobEnvOverrides?.[jobId] ?? {},
  )) {
    if (!(key in jobEnv)) {
      throw new Error(`ci runner: job ${jobId} sets no env ${key} to override`);
    }
    jobEnv[key] = value;
  }
  return jobEnv;
}

async function runJob(
  options: RunCiOptions,
  jobId: string,
  job: Record<string, any>,
  run: CiRun,
): Promise<string> {
  const cwd = path.join(options.workRoot, jobId);
  await fs.remove(cwd);
  await fs.copy(options.repoDir, cwd, {
    filter: src => !/[\\/](node_modules|\.venv)$/.test(src),
  });
  await options.prepare?.(cwd);
  const runnerTemp = path.join(options.workRoot, `${jobId}.tmp`);
  await fs.ensureDir(runnerTemp);
  const githubPath = path.join(runnerTemp, 'github_path');
  await fs.writeFile(githubPath, '');
  const needs = Object.fromEntries(
    [job.needs ?? []]
      .flat()
      .map((n: string) => [n, { result: run.jobs[n] ?? 'skipped' }]),
  );
  const expressions = {
    ...options.expressions,
    'toJSON(needs)': JSON.stringify(needs),
  };
  const jobEnv = jobEnvironment(options, jobId, job, expressions);
  let failed = false;
  for (const step of job.steps as Record<string, any>[]) {
    const label = stepLabel(step);
    const missing = options.unavailable.find(
      u => u.job === jobId && u.step === label,
    );
    if (missing) {
      const detail = `${missing.reason}; covered by ${missing.coveredBy}`;
      run.steps.push({
        job: jobId,
        step: label,
        outcome: 'unavailable',
        detail,
      });
      continue;
    }
    if (!conditionHolds(step.if, failed)) {
      run.steps.push({ job: jobId, step: label, outcome: 'skipped-by-if' });
      continue;
    }
    try {
      if (step.uses) {
        const uses = String(step.uses).split('@')[0];
        const detail = await options.emulate(uses, step.with ?? {}, cwd);
        run.steps.push({
          job: jobId,
          step: label,
          outcome: 'emulated',
          detail,
        });
        continue;
      }
      const env = await stepEnvironment({
        base: options.env,
        jobEnv,
        stepEnv: expand(step.env, expressions),
        runnerTemp,
        githubPath,
      });
      const stdout = await runScriptLogged(String(step.run), cwd, env);
      run.steps.push({
        job: jobId,
        step: label,
        outcome: 'ran',
        detail: lastLine(stdout),
      });
    } catch (e) {
      failed = true;
      run.failures.push(`${jobId} / ${label}: ${(e as Error).message}`);
      run.steps.push({ job: jobId, step: label, outcome: 'failed' });
    }
  }
  return failed ? 'failure' : 'success';
}

function lastLine(text: string): string | undefined {
  const lines = text.trim().split('\n');
  return lines.length && lines[lines.length - 1]
    ? lines[lines.length - 1].slice(0, 160)
    : undefined;
}

/** Human-readable report: what ran, what could not and what covers it. */
export function formatCiReport(
  template: string,
  results: CiStepResult[],
): string {
  return [
    `${template}: ci.yml gate jobs executed here`,
    ...results.map(
      r =>
        `  [${r.outcome}] ${r.job} / ${r.step}${
          r.detail ? ` — ${r.detail}` : ''
        }`,
    ),
  ].join('\n');
}

/** Major version of the Node running these tests. */
export function nodeMajor(): string {
  return process.versions.node.split('.')[0];
}

/*
 * The `Gatekeeper release gate` step of a rendered release.yml, executed as
 * a runner would: its env with the `${{ }}` expressions filled in, its
 * `run:` in bash in the repository checkout, the exit code kept.
 */
import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { parse } from 'yaml';

export const RELEASE_GATE_STEP = 'Gatekeeper release gate';

/** The job and step of the release gate in `.github/workflows/release.yml`. */
export async function findReleaseGateStep(repoDir: string) {
  const workflow = parse(
    await fs.readFile(
      path.join(repoDir, '.github/workflows/release.yml'),
      'utf8',
    ),
  );
  for (const [jobId, job] of Object.entries<any>(workflow.jobs)) {
    const step = (job.steps ?? []).find(
      (s: any) => s.name === RELEASE_GATE_STEP,
    );
    if (step) return { workflow, jobId, job, step };
  }
  throw new Error(`release.yml has no step "${RELEASE_GATE_STEP}"`);
}

/** Runs the step; resolves with the exit code and the job log. */
export async function runReleaseGateStep(options: {
  repoDir: string;
  expressions: Record<string, string>;
  env: Record<string, string>;
}): Promise<{ code: number; log: string }> {
  const { step } = await findReleaseGateStep(options.repoDir);
  return runWorkflowStep({ ...options, step });
}

/**
 * Runs one parsed workflow step as a runner would: its env with the `${{ }}`
 * expressions filled in (an expression without a value throws), its `run:`
 * in bash in `repoDir`; resolves with the exit code and the log.
 */
export async function runWorkflowStep(options: {
  repoDir: string;
  step: { env?: Record<string, unknown>; run?: unknown };
  expressions: Record<string, string>;
  env: Record<string, string>;
}): Promise<{ code: number; log: string }> {
  const { step } = options;
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
        if (!(expr in options.expressions)) {
          throw new Error(`no value for \${{ ${expr} }}`);
        }
        return options.expressions[expr];
      }),
    ]),
  );
  return new Promise(resolve => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', String(step.run)],
      {
        cwd: options.repoDir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          ...options.env,
          ...stepEnv,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const status = (error as { code?: unknown } | null)?.code;
        let code = 0;
        if (error) code = typeof status === 'number' ? status : -1;
        resolve({ code, log: `${stdout}${stderr}` });
      },
    );
  });
}

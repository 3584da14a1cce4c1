/*
 * Job directories as a runner checks them out: a git repository (the
 * contract-tests job diffs the API against an earlier commit).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

const IDENTITY = [
  '-c',
  'user.name=Gatekeeper Test',
  '-c',
  'user.email=test@gatekeeper.invalid',
  '-c',
  'commit.gpgsign=false',
];

/** `git init` (when needed), then commits every file of `cwd`. */
export async function gitCommitAll(
  cwd: string,
  message = 'test commit',
): Promise<void> {
  await exec('git', ['init', '-q', '-b', 'main'], { cwd });
  await exec('git', ['add', '-A'], { cwd });
  await exec(
    'git',
    [...IDENTITY, 'commit', '-q', '--allow-empty', '-m', message],
    {
      cwd,
    },
  );
}

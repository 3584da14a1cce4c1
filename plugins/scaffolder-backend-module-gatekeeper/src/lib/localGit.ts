import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Where `gatekeeper:publish:local-git` keeps repositories: bare repositories
 * under `<root>/repos/<host>/<owner>/<repo>.git` and a checkout of each one's
 * default branch under `<root>/checkouts/<host>/<owner>/<repo>` (the catalog
 * and the scorecard providers read the checkout as a `file` location).
 * @public
 */
export type LocalGitConfig = { root: string };

/**
 * `gatekeeper.scaffolder.localGit.root`, resolved; undefined when it is unset
 * or `gatekeeper.scaffolder.localGit.enabled` is false (a production config
 * layered over the demo's turns it off that way).
 * @public
 */
export function readLocalGitConfig(config: Config): LocalGitConfig | undefined {
  const local = config.getOptionalConfig('gatekeeper.scaffolder.localGit');
  if (!local || local.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const root = local.getOptionalString('root');
  return root ? { root: path.resolve(root) } : undefined;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

function checkName(kind: string, value: string | null | undefined): string {
  if (
    !value ||
    value.length > 100 ||
    !NAME.test(value) ||
    value.toLocaleLowerCase('en-US').endsWith('.git')
  ) {
    throw new InputError(
      `${kind} '${
        value ?? ''
      }' must be letters, digits, '-', '_' and single dots, at most 100 characters, not ending in .git`,
    );
  }
  return value;
}

/** host, owner and repo of a RepoUrlPicker value (`host?owner=o&repo=r`). @public */
export function parseLocalRepoUrl(repoUrl: string): {
  host: string;
  owner: string;
  repo: string;
} {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(`repoUrl '${repoUrl}' is not host?owner=…&repo=…`);
  }
  const host = url.host.toLocaleLowerCase('en-US');
  if (!HOST.test(host) || url.pathname !== '/' || url.username) {
    throw new InputError(`repoUrl '${repoUrl}' is not host?owner=…&repo=…`);
  }
  return {
    host: host.replace(':', '_'),
    owner: checkName('owner', url.searchParams.get('owner')),
    repo: checkName('repo', url.searchParams.get('repo')),
  };
}

/** Paths of one local repository (names must have passed parseLocalRepoUrl). @public */
export function localRepositoryPaths(
  config: LocalGitConfig,
  name: { host: string; owner: string; repo: string },
) {
  const relative = path.join(name.host, name.owner, name.repo);
  return {
    bare: path.join(config.root, 'repos', `${relative}.git`),
    checkout: path.join(config.root, 'checkouts', relative),
  };
}

/** Runs git with no prompts and no user or system configuration. */
export async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

async function treeOf(
  gitDir: string,
  ref: string,
): Promise<string | undefined> {
  return git(
    ['rev-parse', '--verify', '--quiet', `${ref}^{tree}`],
    gitDir,
  ).catch(() => undefined);
}

/** Commits the workspace on `branch` in a fresh repository inside it. */
async function commitWorkspace(options: {
  workspacePath: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
}): Promise<string> {
  const { workspacePath: cwd, branch, author } = options;
  await fs.remove(path.join(cwd, '.git'));
  await git(['init', '--quiet', '-b', branch], cwd);
  await git(['add', '--all'], cwd);
  await git(
    [
      '-c',
      `user.name=${author.name}`,
      '-c',
      `user.email=${author.email}`,
      'commit',
      '--quiet',
      '--no-verify',
      '--allow-empty',
      '-m',
      options.message,
    ],
    cwd,
  );
  return git(['rev-parse', 'HEAD^{tree}'], cwd);
}

/** Makes the checkout show the bare repository's `branch`. */
async function syncCheckout(bare: string, checkout: string, branch: string) {
  if (!(await fs.pathExists(path.join(checkout, '.git')))) {
    await fs.remove(checkout);
    await fs.ensureDir(path.dirname(checkout));
    await git(
      ['clone', '--quiet', '--branch', branch, bare, checkout],
      path.dirname(checkout),
    );
    return;
  }
  await git(['fetch', '--quiet', 'origin', branch], checkout);
  await git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], checkout);
}

/**
 * Publishes the workspace as a new repository: commits it, pushes it to a
 * bare repository created in a temporary directory and renamed into place
 * (so two tasks cannot both create the same repository), and refreshes the
 * checkout. Publishing the same content again succeeds without a new
 * commit; different content for an existing repository is a ConflictError.
 * @public
 */
export async function publishToLocalGit(options: {
  config: LocalGitConfig;
  workspacePath: string;
  repoUrl: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
}): Promise<{ bare: string; checkout: string; created: boolean }> {
  const name = parseLocalRepoUrl(options.repoUrl);
  checkName('defaultBranch', options.branch);
  const { bare, checkout } = localRepositoryPaths(options.config, name);
  const tree = await commitWorkspace(options);
  const label = `${name.host}/${name.owner}/${name.repo}`;

  let created = false;
  if (!(await fs.pathExists(bare))) {
    await fs.ensureDir(path.dirname(bare));
    const staging = await fs.mkdtemp(`${bare}.tmp-`);
    try {
      await git(
        ['init', '--quiet', '--bare', '-b', options.branch, staging],
        path.dirname(bare),
      );
      await git(
        ['push', '--quiet', staging, `HEAD:refs/heads/${options.branch}`],
        options.workspacePath,
      );
      await fs.rename(staging, bare);
      created = true;
    } catch (error) {
      await fs.remove(staging);
      if (!(await fs.pathExists(bare))) throw error;
    }
  }
  if (!created) {
    const existing = await treeOf(bare, options.branch);
    if (existing !== tree) {
      throw new ConflictError(
        `Repository ${label} already exists with different content`,
      );
    }
  }
  await syncCheckout(bare, checkout, options.branch);
  return { bare, checkout, created };
}

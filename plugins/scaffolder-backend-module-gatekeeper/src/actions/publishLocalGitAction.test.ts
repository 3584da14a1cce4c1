import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '../lib/localGit';
import { createPublishLocalGitAction } from './publishLocalGitAction';

describe('gatekeeper:publish:local-git', () => {
  let root: string;
  let tmp: string;

  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-local-git-'));
    root = path.join(tmp, 'root');
  });
  afterEach(() => fs.remove(tmp));

  const action = () =>
    createPublishLocalGitAction({
      config: new ConfigReader({
        gatekeeper: { scaffolder: { localGit: { root } } },
      }),
    });

  /** A fresh workspace with the given files, like fetch:template leaves it. */
  async function workspace(files: Record<string, string>) {
    const dir = await fs.mkdtemp(path.join(tmp, 'ws-'));
    for (const [file, content] of Object.entries(files)) {
      await fs.outputFile(path.join(dir, file), content);
    }
    return dir;
  }

  async function run(repoUrl: string, files: Record<string, string>) {
    const ctx = createMockActionContext({
      input: { repoUrl } as never,
      workspacePath: await workspace(files),
    });
    await action().handler(ctx);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return outputs;
  }

  const files = {
    'catalog-info.yaml': 'kind: Component\n',
    '.github/CODEOWNERS': '* @acme/team\n',
  };

  it('pushes the workspace to a bare repository and checks it out', async () => {
    const out = await run('github.com?owner=acme&repo=svc', files);
    expect(out.published).toBe(true);
    expect(out.created).toBe(true);
    const bare = fileURLToPath(out.remoteUrl);
    const checkout = fileURLToPath(out.repoContentsUrl);
    expect(bare).toBe(path.join(root, 'repos', 'github.com/acme/svc.git'));
    expect(checkout).toBe(path.join(root, 'checkouts', 'github.com/acme/svc'));
    expect(await git(['rev-parse', '--is-bare-repository'], bare)).toBe('true');
    expect(await git(['ls-tree', '-r', '--name-only', 'main'], bare)).toBe(
      '.github/CODEOWNERS\ncatalog-info.yaml',
    );
    expect(
      await fs.readFile(path.join(checkout, '.github/CODEOWNERS'), 'utf8'),
    ).toBe('* @acme/team\n');
    // no temporary directories are left behind
    expect(await fs.readdir(path.join(root, 'repos/github.com/acme'))).toEqual([
      'svc.git',
    ]);
  });

  it('is idempotent for the same content and refuses different content', async () => {
    await run('github.com?owner=acme&repo=svc', files);
    const bare = path.join(root, 'repos/github.com/acme/svc.git');
    const head = await git(['rev-parse', 'main'], bare);
    const again = await run('github.com?owner=acme&repo=svc', files);
    expect(again.created).toBe(false);
    expect(await git(['rev-parse', 'main'], bare)).toBe(head);
    await expect(
      run('github.com?owner=acme&repo=svc', { ...files, 'extra.txt': 'x' }),
    ).rejects.toThrow(/already exists with different content/);
    expect(await git(['rev-parse', 'main'], bare)).toBe(head);
  });

  it('creates a repository once when two tasks publish it at the same time', async () => {
    const results = await Promise.allSettled([
      run('github.com?owner=acme&repo=race', files),
      run('github.com?owner=acme&repo=race', { ...files, 'b.txt': 'b' }),
    ]);
    const fulfilled = results.filter(r => r.status === 'fulfilled');
    expect(fulfilled).toHaveLength(1);
    expect(results.find(r => r.status === 'rejected')).toMatchObject({
      reason: { name: 'ConflictError' },
    });
  });

  it.each([
    'github.com?owner=..&repo=svc',
    'github.com?owner=acme&repo=..',
    'github.com?owner=acme&repo=../../etc',
    'github.com?owner=acme%2F..&repo=svc',
    'github.com?owner=acme&repo=svc.git',
    'github.com?owner=acme&repo=.hidden',
    'github.com?owner=acme&repo=a..b',
    'github.com?owner=acme',
    'github.com/../x?owner=acme&repo=svc',
    'user@github.com?owner=acme&repo=svc',
    `github.com?owner=acme&repo=${'a'.repeat(101)}`,
  ])('refuses the hostile repoUrl %s', async repoUrl => {
    await expect(run(repoUrl, files)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(await fs.pathExists(root)).toBe(false);
  });

  it.each([
    {},
    { gatekeeper: { scaffolder: { localGit: { enabled: true } } } },
    // production layered over the demo config
    {
      gatekeeper: { scaffolder: { localGit: { enabled: false, root: '/x' } } },
    },
  ])('publishes nothing when local git is off (%j)', async data => {
    const ctx = createMockActionContext({
      input: { repoUrl: 'github.com?owner=acme&repo=svc' } as never,
      workspacePath: await workspace(files),
    });
    await createPublishLocalGitAction({
      config: new ConfigReader(data),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('published', false);
    expect(ctx.output).toHaveBeenCalledTimes(1);
    expect(await fs.pathExists('/x')).toBe(false);
  });

  it('touches nothing in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: { repoUrl: 'github.com?owner=acme&repo=svc' } as never,
        workspacePath: await workspace(files),
      }),
      isDryRun: true,
    };
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('published', true);
    expect(await fs.pathExists(root)).toBe(false);
  });
});

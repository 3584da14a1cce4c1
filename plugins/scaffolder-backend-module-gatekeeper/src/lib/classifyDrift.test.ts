import fs from 'fs-extra';
import path from 'node:path';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
} from '../__testUtils__/templates';
import { classifyDrift } from './classifyDrift';
import { DriftReport } from './drift';

describe('classifyDrift', () => {
  let template: string;
  let repo: string;

  beforeAll(async () => {
    template = await makeTempDir('drift-tpl');
    await renderWithFetchTemplate(
      'typescript-service',
      PARAMETER_SETS[0].params,
      template,
    );
  }, 60_000);

  beforeEach(async () => {
    repo = await makeTempDir('drift-repo');
    await fs.copy(template, repo);
  });

  afterEach(() => fs.remove(repo));
  afterAll(() => fs.remove(template));

  const report = (files: DriftReport['files']): DriftReport => ({
    template: { name: 'typescript-service', stampedVersion: '1.0.0' },
    files,
    counts: {},
    inSync: false,
  });
  const edit = async (rel: string, from: string, to: string) => {
    const file = path.join(repo, rel);
    const text = await fs.readFile(file, 'utf8');
    expect(text).toContain(from);
    await fs.writeFile(file, text.replace(from, to));
  };
  const classify = async (
    rel: string,
    status: DriftReport['files'][number]['status'] = 'modified',
  ) =>
    (
      await classifyDrift(report([{ path: rel, status }]), {
        repoDir: repo,
        renderedDir: template,
      })
    )[0];

  const ci = '.github/workflows/ci.yml';

  it('a disabled gate job is gate-weakening, naming the lost gate', async () => {
    await edit(
      ci,
      '  lint:\n    name: lint\n',
      '  lint:\n    name: lint\n    if: false\n',
    );
    expect(await classify(ci)).toMatchObject({
      impact: 'gate-weakening',
      detail: 'loses lint',
    });
  });

  it('an unpinned action is gate-weakening', async () => {
    await edit(
      ci,
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      'actions/checkout@v4',
    );
    expect(await classify(ci)).toMatchObject({
      impact: 'gate-weakening',
      detail: 'unpins actions or widens permissions',
    });
  });

  it('a longer timeout is gate-neutral', async () => {
    await edit(ci, 'timeout-minutes: 10', 'timeout-minutes: 20');
    expect(await classify(ci)).toMatchObject({ impact: 'gate-neutral' });
  });

  it('a lowered vitest threshold and an emptied CODEOWNERS are gate-weakening', async () => {
    await edit('vitest.config.ts', 'lines: 80', 'lines: 60');
    expect(await classify('vitest.config.ts')).toMatchObject({
      impact: 'gate-weakening',
      detail: 'line coverage threshold 80% -> 60%',
    });
    await fs.writeFile(path.join(repo, '.github/CODEOWNERS'), '');
    expect(await classify('.github/CODEOWNERS')).toMatchObject({
      impact: 'gate-weakening',
    });
  });

  it('template-side changes are template updates; local docs edits are neutral; untracked sources are skipped', async () => {
    const result = await classifyDrift(
      report([
        { path: ci, status: 'outdated' },
        { path: 'docs/new.md', status: 'new-in-template' },
        { path: 'README.md', status: 'modified' },
        { path: 'src/feature.ts', status: 'untracked' },
      ]),
      { repoDir: repo, renderedDir: template },
    );
    expect(result.map(r => [r.path, r.impact])).toEqual([
      [ci, 'template-update'],
      ['docs/new.md', 'template-update'],
      ['README.md', 'gate-neutral'],
    ]);
  });
});

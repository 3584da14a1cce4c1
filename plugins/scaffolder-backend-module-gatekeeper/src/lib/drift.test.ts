import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
  TEMPLATES_DIR,
} from '../__testUtils__/templates';
import { runDriftCli } from '../drift/runDriftCli';
import { compareVersions, computeDrift, formatDriftReport } from './drift';
import { renderTemplate, readTemplateDefinition } from './renderTemplate';
import { hashContent, readStamp, STAMP_FILE, writeStamp } from './stamp';

describe('compareVersions', () => {
  it('compares numerically', () => {
    expect(compareVersions('1.2.0', '1.10.0')).toBe(-1);
    expect(compareVersions('v2.0.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(0);
  });
});

describe('hashContent', () => {
  it('normalises CRLF in text but not in binary content', () => {
    expect(hashContent('a\r\nb\n')).toBe(hashContent('a\nb\n'));
    const binary = Buffer.from([0, 13, 10, 1]);
    expect(hashContent(binary)).not.toBe(hashContent(Buffer.from([0, 10, 1])));
  });
});

describe('drift against the template', () => {
  let repo: string;
  const params = PARAMETER_SETS[0].params;
  const templateDir = path.join(TEMPLATES_DIR, 'typescript-service');

  beforeEach(async () => {
    repo = await makeTempDir('drift');
    const { values } = await renderWithFetchTemplate(
      'typescript-service',
      params,
      repo,
    );
    await writeStamp({
      rootDir: repo,
      template: { name: 'typescript-service', version: '1.0.0' },
      values,
      now: new Date('2025-01-01T00:00:00Z'),
    });
  });

  afterEach(async () => {
    await fs.remove(repo);
  });

  it('stamps every generated file and reads the stamp back', async () => {
    const stamp = await readStamp(repo);
    expect(stamp.generatedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(Object.keys(stamp.files)).toEqual(
      expect.arrayContaining(['catalog-info.yaml', '.github/workflows/ci.yml']),
    );
    expect(Object.keys(stamp.files)).not.toContain(STAMP_FILE);
  });

  it('is in sync right after generation, also against a fresh render', async () => {
    const rendered = await renderTemplate({
      templateDir,
      values: (await readStamp(repo)).values,
    });
    try {
      const report = await computeDrift({
        repoDir: repo,
        rendered: rendered.hashes,
        currentVersion: rendered.definition.version,
      });
      expect(report.files).toEqual([]);
      expect(report.inSync).toBe(true);
      expect(report.template).toEqual({
        name: 'typescript-service',
        stampedVersion: '1.0.0',
        currentVersion: '1.0.0',
        behind: false,
      });
    } finally {
      await fs.remove(rendered.dir);
    }
  });

  it('classifies local and template changes three ways', async () => {
    const stamp = await readStamp(repo);
    // local edits
    await fs.appendFile(
      path.join(repo, 'docs/runbooks/rollback.md'),
      '\nlocal note\n',
    );
    await fs.remove(path.join(repo, 'docs/adr/0000-template.md'));
    await fs.outputFile(
      path.join(repo, 'src/feature.ts'),
      'export const x = 1;\n',
    );
    await fs.appendFile(path.join(repo, 'README.md'), '\nlocal\n');
    // the "current template" differs from the stamp
    const rendered = { ...stamp.files };
    rendered['.github/workflows/ci.yml'] = hashContent('new ci');
    rendered['README.md'] = hashContent('new readme');
    rendered['docs/new-runbook.md'] = hashContent('new');
    delete rendered['.github/dependabot.yml'];

    const report = await computeDrift({
      repoDir: repo,
      stamp,
      rendered,
      currentVersion: '1.1.0',
    });
    const byPath = Object.fromEntries(
      report.files.map(f => [f.path, f.status]),
    );
    expect(byPath).toEqual({
      'docs/runbooks/rollback.md': 'modified',
      'docs/adr/0000-template.md': 'removed',
      'src/feature.ts': 'untracked',
      'README.md': 'conflict',
      '.github/workflows/ci.yml': 'outdated',
      'docs/new-runbook.md': 'new-in-template',
      '.github/dependabot.yml': 'dropped-from-template',
    });
    expect(report.template.behind).toBe(true);
    expect(report.inSync).toBe(false);
    expect(report.counts.modified).toBe(1);
    const text = formatDriftReport(report);
    expect(text).toContain('current 1.1.0 (behind)');
    expect(text).toContain('Drift detected.');

    const onlyDocs = await computeDrift({
      repoDir: repo,
      stamp,
      only: ['docs/**'],
      ignore: ['docs/adr/**'],
    });
    expect(onlyDocs.files).toEqual([
      { path: 'docs/runbooks/rollback.md', status: 'modified' },
    ]);
  });

  it('runs as a CLI with exit codes', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
    };
    expect(
      await runDriftCli([repo, '--templates-root', TEMPLATES_DIR], io),
    ).toBe(0);
    expect(out.join('\n')).toContain('In sync with the template.');

    await fs.appendFile(
      path.join(repo, '.github/CODEOWNERS'),
      '/src/ @someone\n',
    );
    out.length = 0;
    expect(
      await runDriftCli([repo, '--template', templateDir, '--json'], io),
    ).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.files).toEqual([
      { path: '.github/CODEOWNERS', status: 'modified' },
    ]);

    expect(await runDriftCli([repo, '--only', 'src/**'], io)).toBe(0);
    expect(
      await runDriftCli(
        [repo, '--ignore', '.github/**', '--template', templateDir],
        io,
      ),
    ).toBe(0);
    expect(await runDriftCli(['--help'], io)).toBe(0);
    expect(await runDriftCli([], io)).toBe(2);
    expect(await runDriftCli([repo, '--bogus'], io)).toBe(2);
    expect(await runDriftCli([repo, '--template'], io)).toBe(2);
    expect(
      await runDriftCli(
        [repo, '--template', path.join(TEMPLATES_DIR, 'python-service')],
        io,
      ),
    ).toBe(2);
    expect(err.join('\n')).toContain('is template "python-service"');
    const empty = await makeTempDir('nostamp');
    expect(await runDriftCli([empty], io)).toBe(2);
    expect(err.join('\n')).toContain(`Cannot read ${STAMP_FILE}`);
    await fs.remove(empty);
  });

  it('rejects invalid stamps and template definitions', async () => {
    await fs.writeJson(path.join(repo, STAMP_FILE), { schemaVersion: 2 });
    await expect(readStamp(repo)).rejects.toThrow(
      /Invalid \.gatekeeper\/template\.json: schemaVersion/,
    );
    const bad = await makeTempDir('badtpl');
    await fs.writeFile(
      path.join(bad, 'template.yaml'),
      'metadata: { name: x }\nspec: { steps: [] }\n',
    );
    await expect(readTemplateDefinition(bad)).rejects.toThrow(
      /needs metadata.name/,
    );
    await fs.remove(bad);
  });
});

describe('bin/gatekeeper-drift', () => {
  it('runs from node with the TypeScript sources', async () => {
    const bin = path.resolve(__dirname, '../../bin/gatekeeper-drift');
    const result = await new Promise<{ code: number | null; stdout: string }>(
      resolve => {
        execFile(process.execPath, [bin, '--help'], (error, stdout) =>
          resolve({ code: error ? (error as any).code : 0, stdout }),
        );
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: gatekeeper-drift <repo-dir>');
  }, 60_000);
});

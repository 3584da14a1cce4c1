import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { missingReferencedFiles, referencedFiles } from './referencedFiles';
import { parseWorkflow } from './workflows';
import { Workspace } from './workspace';

const CI = `
on: [push, pull_request]
permissions: { contents: read }
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af
        with:
          node-version-file: .nvmrc
          cache-dependency-path: |
            package-lock.json
            packages/*/package-lock.json
      - run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - run: npm run lint
  tests:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b
        with: { python-version-file: .python-version }
      - run: pip install -e '.[dev]'
      - run: |
          # scripts/commented-out.sh is not a reference
          node scripts/check-coverage-threshold.mjs coverage/coverage-summary.json 80
          ./scripts/smoke-test.sh "$BASE_URL"
          npx eslint --output-file reports/eslint.json .
          npx spectral lint api/openapi.yaml > lint-output.txt
          cosign sign-blob --bundle "$pkg.sigstore.json" "$pkg"
`;

describe('referencedFiles', () => {
  const wf = parseWorkflow('.github/workflows/ci.yml', CI);

  it('finds version files, dependency paths, scripts, configs and npm scripts', () => {
    expect(
      referencedFiles([wf]).map(r => `${r.job}#${r.step} ${r.path}`),
    ).toEqual([
      'lint#1 .nvmrc',
      'lint#1 package-lock.json',
      'lint#3 package.json#scripts.lint',
      'tests#1 .python-version',
      'tests#2 pyproject.toml',
      'tests#3 scripts/check-coverage-threshold.mjs',
      'tests#3 scripts/smoke-test.sh',
      'tests#3 api/openapi.yaml',
    ]);
  });

  it('names each missing file with workflow, job and step', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-refs-'));
    try {
      await fs.outputFile(
        path.join(dir, 'package.json'),
        '{"scripts":{"test":"vitest"}}',
      );
      await fs.outputFile(path.join(dir, 'package-lock.json'), '{}');
      await fs.outputFile(path.join(dir, '.python-version'), '3.12\n');
      await fs.outputFile(path.join(dir, 'pyproject.toml'), '');
      await fs.outputFile(path.join(dir, 'scripts/smoke-test.sh'), '');
      await fs.outputFile(
        path.join(dir, 'scripts/check-coverage-threshold.mjs'),
        '',
      );
      const missing = await missingReferencedFiles(new Workspace(dir), [wf]);
      expect(missing).toEqual([
        '.github/workflows/ci.yml job "lint" step 1 needs .nvmrc (node-version-file), which is not in the repository',
        '.github/workflows/ci.yml job "lint" step 3 needs package.json#scripts.lint (npm run lint), which is not in the repository',
        '.github/workflows/ci.yml job "tests" step 3 needs api/openapi.yaml (npx spectral lint api/openapi.yaml > lint-output.txt), which is not in the repository',
      ]);
      await fs.outputFile(path.join(dir, '.nvmrc'), '22\n');
      await fs.outputFile(path.join(dir, 'api/openapi.yaml'), '');
      await fs.outputFile(
        path.join(dir, 'package.json'),
        '{"scripts":{"lint":"eslint ."}}',
      );
      expect(await missingReferencedFiles(new Workspace(dir), [wf])).toEqual(
        [],
      );
    } finally {
      await fs.remove(dir);
    }
  });

  it('treats a package.json that is not JSON as having no scripts', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-refs-'));
    try {
      await fs.outputFile(path.join(dir, 'package.json'), '{not json');
      const missing = await missingReferencedFiles(new Workspace(dir), [wf]);
      expect(missing.some(m => m.includes('package.json#scripts.lint'))).toBe(
        true,
      );
    } finally {
      await fs.remove(dir);
    }
  });
});

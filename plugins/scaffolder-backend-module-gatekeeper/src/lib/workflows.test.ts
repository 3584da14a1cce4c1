import {
  jobCapabilities,
  overPrivilegedWorkflows,
  parseWorkflow,
  readWorkflows,
  unpinnedActions,
  indexCapabilities,
} from './workflows';
import { deriveRequiredChecks, jobCheckNames } from './requiredChecks';
import { makeTempDir } from '../__testUtils__/templates';
import fs from 'fs-extra';
import path from 'node:path';

const wf = (text: string, file = '.github/workflows/ci.yml') =>
  parseWorkflow(file, text);

describe('parseWorkflow', () => {
  it('reads triggers, jobs, needs and steps', () => {
    const parsed = wf(`
name: CI
on: [push, pull_request]
permissions: { contents: read }
jobs:
  a:
    name: Lint
    runs-on: ubuntu-latest
    steps:
      - run: npx eslint .
  b:
    needs: a
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
      - uses: github/codeql-action/analyze@abc
        with: { category: x }
`);
    expect(parsed.triggers).toEqual(['push', 'pull_request']);
    expect(parsed.jobs.map(j => [j.id, j.name, j.needs, j.if])).toEqual([
      ['a', 'Lint', [], undefined],
      ['b', undefined, ['a'], "github.event_name == 'push'"],
    ]);
    expect(parsed.jobs[1].steps[0]).toEqual({
      uses: 'github/codeql-action/analyze@abc',
      with: { category: 'x' },
      name: undefined,
      run: undefined,
    });
    expect(wf('on: push\njobs: {}').triggers).toEqual(['push']);
  });

  it('rejects files without jobs', () => {
    expect(() => wf('name: x\non: push\n')).toThrow('has no "jobs" map');
  });
});

describe('capabilities', () => {
  it('recognises each gate from run scripts and action references', () => {
    const parsed = wf(`
on: pull_request
jobs:
  all:
    runs-on: ubuntu-latest
    steps:
      - run: npm run lint && npm run typecheck && npm test
      - run: npm run build
      - uses: github/codeql-action/analyze@1234
      - run: gitleaks git --redact .
      - uses: actions/dependency-review-action@1234
      - uses: anchore/sbom-action@1234
      - run: cosign sign-blob --yes x
      - uses: actions/attest-build-provenance@1234
      - run: npx @redocly/cli lint api/openapi.yaml
      - run: ./scripts/smoke-test.sh
      - run: kubectl argo rollouts status x
`);
    expect(jobCapabilities(parsed.jobs[0]).sort()).toEqual(
      [
        'build',
        'canary',
        'coverage',
        'dependency-audit',
        'lint',
        'provenance',
        'sast',
        'sbom',
        'schema-check',
        'secrets-scan',
        'signing',
        'smoke-tests',
        'typecheck',
        'unit-tests',
      ].sort(),
    );
    expect(indexCapabilities([parsed], ['push'])).toEqual({});
    // pull requests only: pushes to main are not gated, so nothing counts
    expect(indexCapabilities([parsed])).toEqual({});
    const gating = wf(
      `on: [push, pull_request]\njobs:\n  all:\n    steps:\n      - run: npm run lint\n`,
    );
    expect(indexCapabilities([gating]).lint).toEqual([
      '.github/workflows/ci.yml#all',
    ]);
  });
});

describe('hardening checks', () => {
  it('finds unpinned actions but exempts local, docker and slsa references', () => {
    const parsed = wf(`
on: push
permissions: { contents: read }
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - uses: ./local-action
      - uses: docker://alpine:3
  b:
    uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.0.0
`);
    expect(unpinnedActions([parsed])).toEqual([
      '.github/workflows/ci.yml:8 job "a" uses actions/checkout@v4',
    ]);
  });

  it('requires top-level contents: read only', () => {
    const ok = wf('on: push\npermissions: { contents: read }\njobs: {}');
    const missing = wf('on: push\njobs: {}', 'a.yml');
    const writeAll = wf('on: push\npermissions: write-all\njobs: {}', 'b.yml');
    const extra = wf(
      'on: push\npermissions: { contents: write, id-token: write, packages: none }\njobs: {}',
      'c.yml',
    );
    expect(overPrivilegedWorkflows([ok, missing, writeAll, extra])).toEqual([
      'a.yml has no top-level "permissions"',
      'b.yml:2 top-level permissions is "write-all" (use a map with contents: read)',
      'c.yml:2 top-level permissions grant contents: write, id-token: write (grant them on the job that needs them)',
    ]);
  });

  it('reads a workflow directory and reports broken files', async () => {
    const dir = await makeTempDir('wf');
    expect(await readWorkflows(dir)).toEqual({ workflows: [], errors: [] });
    await fs.outputFile(
      path.join(dir, '.github/workflows/ok.yml'),
      'on: push\njobs: { a: { runs-on: x, steps: [] } }\n',
    );
    await fs.outputFile(
      path.join(dir, '.github/workflows/bad.yaml'),
      'on: [push\n',
    );
    await fs.outputFile(path.join(dir, '.github/workflows/notes.txt'), 'x');
    const result = await readWorkflows(dir);
    expect(result.workflows.map(w => w.file)).toEqual([
      '.github/workflows/ok.yml',
    ]);
    expect(result.errors.map(e => e.file)).toEqual([
      '.github/workflows/bad.yaml',
    ]);
    await fs.remove(dir);
  });
});

describe('required checks', () => {
  it('uses job names, ids and matrix combinations', () => {
    const parsed = wf(`
on: pull_request
jobs:
  lint:
    name: Lint
    runs-on: x
    steps: []
  test:
    runs-on: x
    strategy:
      matrix:
        node: [20, 22]
        os: [linux]
    steps: []
  e2e:
    name: e2e on \${{ matrix.browser }}
    runs-on: x
    strategy:
      matrix:
        browser: [chromium, firefox]
    steps: []
  deploy-preview:
    runs-on: x
    steps: []
`);
    expect(
      deriveRequiredChecks([parsed], { exclude: ['deploy-preview'] }),
    ).toEqual([
      'Lint',
      'test (20, linux)',
      'test (22, linux)',
      'e2e on chromium',
      'e2e on firefox',
    ]);
    expect(deriveRequiredChecks([parsed], { events: ['push'] })).toEqual([]);
  });

  it('refuses names it cannot derive and duplicate names', () => {
    const job = (extra: string) =>
      wf(`on: pull_request\njobs:\n  a:\n    runs-on: x\n${extra}`).jobs[0];
    expect(() => jobCheckNames(job('    name: ${{ github.ref }}\n'))).toThrow(
      'expression in its name',
    );
    expect(() =>
      jobCheckNames(job('    strategy: { matrix: "${{ fromJSON(x) }}" }\n')),
    ).toThrow('dynamic matrix');
    expect(() =>
      jobCheckNames(job('    strategy: { matrix: { include: [{ a: 1 }] } }\n')),
    ).toThrow('include/exclude');
    expect(() =>
      jobCheckNames(job('    strategy: { matrix: { a: "${{ x }}" } }\n')),
    ).toThrow('not a static list');
    expect(() =>
      jobCheckNames(
        job(
          '    name: x ${{ github.ref }}\n    strategy: { matrix: { a: [1] } }\n',
        ),
      ),
    ).toThrow('non-matrix expression');
    expect(() =>
      jobCheckNames(
        wf(
          'on: pull_request\njobs:\n  a:\n    uses: ./.github/workflows/x.yml\n',
        ).jobs[0],
      ),
    ).toThrow('reusable workflow');
    const dup = wf(
      'on: pull_request\njobs:\n  a: { name: build, runs-on: x, steps: [] }\n  b: { name: build, runs-on: x, steps: [] }\n',
    );
    expect(() => deriveRequiredChecks([dup])).toThrow(
      'check name "build" is reported by both',
    );
  });
});

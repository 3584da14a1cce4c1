import { GatePolicy } from '@gatekeeper/plugin-scorecards-common';
import fs from 'fs-extra';
import path from 'node:path';
import {
  makeTempDir,
  PARAMETER_SETS,
  policy,
  renderWithFetchTemplate,
} from '../__testUtils__/templates';
import { evaluateRule, verifyBaseline } from './verifyBaseline';

describe('evaluateRule', () => {
  it('implements every operator', () => {
    expect(evaluateRule({ op: 'exists', fact: 'a' }, 0)).toBe(true);
    expect(evaluateRule({ op: 'exists', fact: 'a' }, undefined)).toBe(false);
    expect(evaluateRule({ op: 'truthy', fact: 'a' }, 'x')).toBe(true);
    expect(evaluateRule({ op: 'falsy', fact: 'a' }, false)).toBe(true);
    expect(evaluateRule({ op: 'gte', fact: 'a', value: 80 }, 80)).toBe(true);
    expect(evaluateRule({ op: 'gte', fact: 'a', value: 80 }, 79.9)).toBe(false);
    expect(evaluateRule({ op: 'gt', fact: 'a', value: 1 }, 2)).toBe(true);
    expect(evaluateRule({ op: 'lt', fact: 'a', value: 1 }, 0)).toBe(true);
    expect(evaluateRule({ op: 'lte', fact: 'a', value: 1 }, 2)).toBe(false);
    expect(evaluateRule({ op: 'eq', fact: 'a', value: 0 }, 0)).toBe(true);
    expect(evaluateRule({ op: 'neq', fact: 'a', value: 0 }, 1)).toBe(true);
    expect(evaluateRule({ op: 'gte', fact: 'a', value: 80 }, '90')).toBe(false);
    expect(evaluateRule({ op: 'gte', fact: 'a', value: 80 }, undefined)).toBe(
      false,
    );
    expect(
      evaluateRule({ op: 'includesAll', fact: 'a', value: ['x'] }, 'x'),
    ).toBe(false);
  });
});

describe('verifyBaseline', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('baseline');
    await renderWithFetchTemplate(
      'python-service',
      PARAMETER_SETS[0].params,
      dir,
    );
  });

  afterEach(async () => {
    await fs.remove(dir);
  });

  const rm = (...files: string[]) =>
    Promise.all(files.map(f => fs.remove(path.join(dir, f))));
  const edit = async (file: string, fn: (s: string) => string) =>
    fs.writeFile(
      path.join(dir, file),
      fn(await fs.readFile(path.join(dir, file), 'utf8')),
    );

  it('lists every missing file and CI job in one result', async () => {
    await rm(
      '.github/CODEOWNERS',
      '.github/pull_request_template.md',
      'docs/runbooks',
      'slo/openslo.yaml',
      'deploy/analysis-template.yaml',
    );
    await edit('.github/workflows/ci.yml', s =>
      s
        .replace(/ {2}sast:[\s\S]*?(?=\n {2}secrets-scan:)/, '')
        .replace(/ {2}sbom:[\s\S]*?(?=\n {2}sign-and-attest:)/, '')
        .replace(
          'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
          'actions/checkout@v4',
        ),
    );
    await edit('pyproject.toml', s =>
      s.replace(/--cov-fail-under=80/, '').replace(/fail_under = 80/, ''),
    );
    const result = await verifyBaseline({ rootDir: dir, policy });
    expect(result.passed).toBe(false);
    const failed = result.findings
      .filter(f => f.status === 'fail')
      .map(f => `${f.gate} ${f.fact}`);
    expect(failed).toEqual(
      expect.arrayContaining([
        'code-ownership repo.codeowners.present',
        'code-ownership repo.pr-template.present',
        'runbooks repo.runbooks.present',
        'runbooks repo.rollback-playbook.present',
        'slo-defined slo.defined',
        'canary-analysis repo.canary.metric-analysis',
        'security-scans repo.workflow.sast',
        'supply-chain-attestations repo.workflow.sbom',
        'ci-quality-steps repo.workflow.coverage-threshold',
        'coverage-lines ci.coverage.lines',
        'template-hardening workflows.actions-pinned',
      ]),
    );
    expect(result.problems.join('\n')).toContain('missing file CODEOWNERS');
    expect(result.problems.join('\n')).toContain(
      'AnalysisTemplate "payments-api-canary" is not in the repository',
    );
    expect(result.deferred).toEqual(
      expect.arrayContaining([
        expect.stringContaining('[lint-clean] ci.lint.errors: pushed by CI'),
      ]),
    );
  });

  it('checks the configured coverage threshold against the gate value', async () => {
    await edit('pyproject.toml', s =>
      s
        .replace('--cov-fail-under=80', '--cov-fail-under=70')
        .replace('fail_under = 80', 'fail_under = 70'),
    );
    const result = await verifyBaseline({
      rootDir: dir,
      policy,
      gates: ['coverage-lines'],
      hardening: false,
    });
    expect(result.problems).toEqual([
      '[coverage-lines] ci.coverage.lines: ci.coverage.lines must be >= 80, found 70 (configured threshold 70% lines (pyproject.toml (pytest-cov / coverage.py)))',
    ]);
  });

  it('flags malformed owners, canaries without analysis and invalid SLOs', async () => {
    await fs.writeFile(
      path.join(dir, '.github/CODEOWNERS'),
      '* payments-team\n',
    );
    await edit('deploy/rollout.yaml', s =>
      s
        // the background analysis and every analysis step
        .replace(/ {6}# Background analysis[\s\S]*?(?= {6}steps:)/, '')
        .replace(/ {8}- analysis:\n(?: {10,}.*\n)+/g, ''),
    );
    await edit('slo/openslo.yaml', s =>
      s.replace(/target: .*/g, 'target: 99.5'),
    );
    await edit('catalog-info.yaml', s =>
      s.replace(
        'spec:\n  type: service',
        'spec:\n  type: service\n  owner2: x',
      ),
    );
    const result = await verifyBaseline({
      rootDir: dir,
      policy,
      hardening: false,
    });
    expect(result.problems).toEqual([
      '[code-ownership] repo.codeowners.present: .github/CODEOWNERS: line 1: "payments-team" is not @org/team, @user or an e-mail',
      '[slo-defined] slo.defined: slo/openslo.yaml has no OpenSLO "kind: SLO" with an objective target between 0 and 1',
      '[canary-analysis] repo.canary.metric-analysis: deploy/rollout.yaml: Rollout "payments-api" has no analysis step or background analysis',
    ]);
  });

  it('follows the slo-file annotation and reports a broken catalog-info', async () => {
    await fs.move(
      path.join(dir, 'slo/openslo.yaml'),
      path.join(dir, 'reliability/slo.yaml'),
    );
    await edit('catalog-info.yaml', s =>
      s.replace(
        'gatekeeper.dev/slo-file: slo/openslo.yaml',
        'gatekeeper.dev/slo-file: reliability/slo.yaml',
      ),
    );
    const ok = await verifyBaseline({
      rootDir: dir,
      policy,
      gates: ['slo-defined'],
    });
    expect(ok.passed).toBe(true);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), 'kind: [\n');
    const broken = await verifyBaseline({
      rootDir: dir,
      policy,
      gates: ['slo-defined'],
    });
    expect(broken.problems).toEqual([
      '[slo-defined] slo.defined: missing file slo/openslo.yaml (OpenSLO)',
      expect.stringMatching(
        /^\[template-hardening\] catalog-info.valid: catalog-info.yaml is not valid YAML/,
      ),
    ]);
    await rm('catalog-info.yaml', '.github');
    const none = await verifyBaseline({
      rootDir: dir,
      policy,
      gates: ['slo-defined'],
    });
    expect(none.problems).toContain(
      '[template-hardening] catalog-info.valid: missing file catalog-info.yaml',
    );
  });

  it('filters gates by id, level and appliesTo, and rejects unknown ids', async () => {
    const bronze = await verifyBaseline({
      rootDir: dir,
      policy,
      maxLevel: 'bronze',
      hardening: false,
    });
    const gates = new Set(bronze.findings.map(f => f.gate));
    expect(gates.has('canary-analysis')).toBe(false);
    expect(gates.has('code-ownership')).toBe(true);
    const skipped = await verifyBaseline({
      rootDir: dir,
      policy,
      skipGates: ['code-ownership'],
      hardening: false,
    });
    expect(skipped.findings.some(f => f.gate === 'code-ownership')).toBe(false);
    await expect(
      verifyBaseline({ rootDir: dir, policy, gates: ['nope'] }),
    ).rejects.toThrow('Unknown gate id(s): nope');
    await expect(
      verifyBaseline({ rootDir: dir, policy, maxLevel: 'platinum' }),
    ).rejects.toThrow('Unknown level "platinum"');

    const scoped: GatePolicy = {
      ...policy,
      gates: [
        {
          ...policy.gates.find(g => g.id === 'runbooks')!,
          appliesTo: { kind: 'Component', 'spec.type': ['website'] },
        },
        {
          ...policy.gates.find(g => g.id === 'slo-defined')!,
          appliesTo: { 'spec.type': 'service' },
        },
        {
          ...policy.gates[0],
          id: 'custom',
          rules: [{ op: 'truthy', fact: 'repo.something.else' }],
        },
      ],
    };
    const result = await verifyBaseline({
      rootDir: dir,
      policy: scoped,
      hardening: false,
    });
    expect(result.findings.map(f => [f.gate, f.status, f.detail])).toEqual([
      [
        'slo-defined',
        'pass',
        'slo/openslo.yaml: payments-api-availability, payments-api-latency',
      ],
      ['custom', 'deferred', 'no repository-file check exists for this fact'],
    ]);
  });
});

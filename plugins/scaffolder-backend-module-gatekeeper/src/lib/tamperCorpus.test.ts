/*
 * Tamper corpus: the generated typescript-service ci.yml, weakened in one
 * way each. The shared workflow analysis (scorecards-common, used by
 * baseline verify) must drop exactly the gate that was weakened, with
 * evidence naming the job and line; hardening names unpinned actions and
 * widened permissions.
 */
import { WorkflowCapability } from '@gatekeeper/plugin-scorecards-common';
import fs from 'fs-extra';
import path from 'node:path';
import { TEMPLATES_DIR } from '../__testUtils__/templates';
import {
  indexCapabilities,
  overPrivilegedWorkflows,
  parseWorkflow,
  unpinnedActions,
} from './workflows';
import { workflowCapabilities } from '@gatekeeper/plugin-scorecards-common';

const CI_FILE = path.join(
  TEMPLATES_DIR,
  'typescript-service/skeleton/.github/workflows/ci.yml',
);

type Tamper = (ci: string) => string;

function replace(from: string | RegExp, to: string): Tamper {
  return ci => {
    const out = ci.replace(from, to);
    if (out === ci) throw new Error(`tamper did not apply: ${String(from)}`);
    return out;
  };
}

/** Removes a whole job (its key line up to the next job). */
function deleteJob(id: string): Tamper {
  return replace(
    new RegExp(`\\n  ${id}:\\n[\\s\\S]*?(?=\\n  [a-z-]+:\\n|$)`),
    '\n',
  );
}

/** Inserts a line right after the `name:` line of a job. */
function jobKey(id: string, line: string): Tamper {
  return replace(
    `\n  ${id}:\n    name: ${id}\n`,
    `\n  ${id}:\n    name: ${id}\n    ${line}\n`,
  );
}

interface Case {
  label: string;
  tamper: Tamper;
  /** The capability that must be gone. */
  lost: WorkflowCapability;
  /** The job the evidence must name (undefined: the job is gone). */
  job?: string;
}

const CASES: Case[] = [
  {
    label: 'unit-tests job deleted',
    tamper: deleteJob('unit-tests'),
    lost: 'unit-tests',
  },
  { label: 'build job deleted', tamper: deleteJob('build'), lost: 'build' },
  { label: 'lint job deleted', tamper: deleteJob('lint'), lost: 'lint' },
  { label: 'sast job deleted', tamper: deleteJob('sast'), lost: 'sast' },
  { label: 'sbom job deleted', tamper: deleteJob('sbom'), lost: 'sbom' },
  {
    label: 'lint job if: false',
    tamper: jobKey('lint', 'if: false'),
    lost: 'lint',
    job: 'lint',
  },
  {
    label: 'type-check job if: ${{ false }}',
    tamper: jobKey('type-check', 'if: ${{ false }}'),
    lost: 'typecheck',
    job: 'type-check',
  },
  {
    label: 'unit-tests continue-on-error',
    tamper: jobKey('unit-tests', 'continue-on-error: true'),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'secrets-scan continue-on-error',
    tamper: jobKey('secrets-scan', 'continue-on-error: true'),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'sast job for pull requests only',
    tamper: jobKey('sast', "if: github.event_name == 'pull_request'"),
    lost: 'sast',
    job: 'sast',
  },
  {
    label: 'build job for pushes only',
    tamper: jobKey('build', "if: github.event_name == 'push'"),
    lost: 'build',
    job: 'build',
  },
  {
    label: 'ESLint step only echoes',
    tamper: replace(
      'run: npm run lint -- --format json --output-file reports/eslint.json',
      'run: echo "npm run lint passed"',
    ),
    lost: 'lint',
    job: 'lint',
  },
  {
    label: 'tsc step only echoes',
    tamper: replace(
      'run: mkdir -p reports && npm run typecheck 2>&1 | tee reports/tsc.txt',
      'run: echo tsc',
    ),
    lost: 'typecheck',
    job: 'type-check',
  },
  {
    label: 'tests swallowed with || true',
    tamper: replace(
      '        run: npm test\n',
      '        run: npm test || true\n',
    ),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'tests commented out',
    tamper: replace(
      '        run: npm test\n',
      '        run: |\n          # npm test\n          echo skipped\n',
    ),
    lost: 'unit-tests',
    job: 'unit-tests',
  },
  {
    label: 'tests replaced by the smoke test',
    tamper: replace(
      '        run: npm test\n',
      '        run: ./scripts/smoke-test.sh http://localhost:8080\n',
    ),
    lost: 'unit-tests',
  },
  {
    label: 'gitleaks scan only echoes',
    tamper: replace(
      'run: gitleaks git --redact --verbose --exit-code 1 .',
      'run: echo "gitleaks git --redact ."',
    ),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'gitleaks scan step if: false',
    tamper: replace(
      '      - name: Scan history for secrets\n',
      '      - name: Scan history for secrets\n        if: false\n',
    ),
    lost: 'secrets-scan',
    job: 'secrets-scan',
  },
  {
    label: 'coverage threshold lowered to 50',
    tamper: replace(
      'coverage/coverage-summary.json 80',
      'coverage/coverage-summary.json 50',
    ),
    lost: 'coverage-threshold',
    job: 'unit-tests',
  },
  {
    label: 'coverage threshold step removed',
    tamper: replace(
      / {6}- name: Coverage threshold \(80% lines\)\n {8}run: [^\n]*\n/,
      '',
    ),
    lost: 'coverage-threshold',
  },
  {
    label: 'coverage turned off',
    tamper: replace(
      '        run: npm test\n',
      '        run: npm test -- --coverage.enabled=false\n',
    ),
    lost: 'coverage-threshold',
    job: 'unit-tests',
  },
  {
    label: 'npm audit swallowed',
    tamper: replace(
      'npm audit --audit-level=high --json > reports/npm-audit.json',
      'npm audit --json > reports/npm-audit.json || true',
    ),
    lost: 'dependency-audit',
    job: 'dependency-audit',
  },
  {
    label: 'schema check only echoes',
    tamper: replace(
      'run: npx --yes @stoplight/spectral-cli@6 lint --fail-severity warn api/openapi.yaml',
      'run: echo "spectral lint ok"',
    ),
    lost: 'schema-check',
    job: 'schema-check',
  },
  {
    label: 'signing step continue-on-error',
    tamper: replace(
      '      - name: Sign the package (keyless)\n',
      '      - name: Sign the package (keyless)\n        continue-on-error: true\n',
    ),
    lost: 'signing',
    job: 'sign-and-attest',
  },
  {
    label: 'provenance step removed',
    tamper: replace(
      / {6}- name: Attest build provenance\n {8}id: attest\n {8}uses: [^\n]*\n {8}with:\n {10}subject-path: [^\n]*\n/,
      '',
    ),
    lost: 'provenance',
  },
  {
    label: 'CodeQL analysis continue-on-error',
    tamper: replace(
      '      - name: CodeQL analysis\n',
      '      - name: CodeQL analysis\n        continue-on-error: true\n',
    ),
    lost: 'sast',
    job: 'sast',
  },
];

const TRIGGER_CASES: { label: string; tamper: Tamper }[] = [
  {
    label: 'pull_request trigger removed',
    tamper: replace('on:\n  pull_request:\n  push:', 'on:\n  push:'),
  },
  {
    label: 'push limited to another branch',
    tamper: replace('    branches: [main]', '    branches: [develop]'),
  },
  {
    label: 'manual dispatch only',
    tamper: replace(
      /on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]\n/,
      'on:\n  workflow_dispatch:\n',
    ),
  },
  {
    label: 'main ignored on pushes',
    tamper: replace('    branches: [main]', '    branches-ignore: [main]'),
  },
];

describe('tamper corpus (typescript-service ci.yml)', () => {
  let original: string;

  beforeAll(async () => {
    original = await fs.readFile(CI_FILE, 'utf8');
  });

  const analyse = (text: string) => {
    const wf = parseWorkflow('.github/workflows/ci.yml', text);
    const report = workflowCapabilities(wf.doc, {
      text,
      requireGateTriggers: true,
    })!;
    return { wf, report, index: indexCapabilities([wf]) };
  };

  it('the untampered workflow provides every gate', () => {
    const { index } = analyse(original);
    for (const c of CASES)
      expect([c.lost, index[c.lost]?.length]).toEqual([
        c.lost,
        expect.any(Number),
      ]);
  });

  it('holds at least 25 tampered workflows', () => {
    expect(CASES.length + TRIGGER_CASES.length + 3).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)(
    '$label: loses $lost, the other gates stay',
    ({ tamper, lost }) => {
      const { report, index } = analyse(tamper(original));
      expect(index[lost]).toBeUndefined();
      expect(report.capabilities).not.toContain(lost);
      const others = CASES.map(c => c.lost).filter(
        c => c !== lost && c !== 'coverage-threshold',
      );
      expect(others.filter(other => !index[other])).toEqual([]);
    },
  );

  it.each(CASES.filter(c => c.job))(
    '$label: evidence names job $job and a line inside it',
    ({ tamper, lost, job }) => {
      const text = tamper(original);
      const { report } = analyse(text);
      const evidence = report.evidence.find(
        e => e.capability === lost && e.status === 'ignored' && e.job === job,
      );
      expect(evidence?.reason).toContain(`"${job}"`);
      const lines = text.split('\n');
      const jobLine = lines.findIndex(l => l === `  ${job}:`) + 1;
      const next = lines.findIndex(
        (l, i) => i >= jobLine && /^ {2}[a-z-]+:$/.test(l),
      );
      expect(evidence?.line).toBeGreaterThanOrEqual(jobLine);
      expect(evidence?.line).toBeLessThanOrEqual(
        next < 0 ? lines.length : next,
      );
    },
  );

  it.each(TRIGGER_CASES)(
    '$label: no gate counts, and the trigger is named',
    ({ tamper }) => {
      const { report, index } = analyse(tamper(original));
      expect(index).toEqual({});
      expect(report.triggerProblem).toMatch(
        /does not run on (pushes|pull requests)/,
      );
    },
  );

  it('an unpinned action is named with its job and line', () => {
    const at = original.indexOf('\n  type-check:\n');
    const pinned =
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
    const text =
      original.slice(0, at) +
      original.slice(at).replace(pinned, 'actions/checkout@v4');
    const wf = parseWorkflow('.github/workflows/ci.yml', text);
    const line =
      text.split('\n').findIndex(l => l.includes('actions/checkout@v4')) + 1;
    expect(unpinnedActions([wf])).toEqual([
      `.github/workflows/ci.yml:${line} job "type-check" uses actions/checkout@v4`,
    ]);
  });

  it.each([
    ['contents: write', /top-level permissions grant contents: write/],
    ['write-all', /top-level permissions is "write-all"/],
  ])('widened permissions (%s) are named with the line', (perm, message) => {
    const text = replace(
      'permissions:\n  contents: read\n',
      perm === 'write-all'
        ? 'permissions: write-all\n'
        : `permissions:\n  ${perm}\n`,
    )(original);
    const wf = parseWorkflow('.github/workflows/ci.yml', text);
    const problems = overPrivilegedWorkflows([wf]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    const line =
      text.split('\n').findIndex(l => l.startsWith('permissions:')) + 1;
    expect(problems[0]).toContain(`.github/workflows/ci.yml:${line}`);
  });
});

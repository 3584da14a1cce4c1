/*
 * Tamper corpus: the generated typescript-service ci.yml, weakened in one
 * way each. The shared workflow analysis (scorecards-common, used by
 * baseline verify) must drop exactly the gate that was weakened, with
 * evidence naming the job and line; hardening names unpinned actions and
 * widened permissions.
 */
import fs from 'fs-extra';
import path from 'node:path';
import { CASES, replace, TRIGGER_CASES } from '../__testUtils__/tamperCases';
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
    expect(CASES.length + TRIGGER_CASES.length + 3).toBeGreaterThanOrEqual(32);
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

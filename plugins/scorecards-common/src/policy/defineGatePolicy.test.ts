// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import policy from '../../../../backstage.config';
import {
  defineGatePolicy,
  GatePolicyError,
  parseGatePolicy,
} from './defineGatePolicy';
import { SEVERITY_WEIGHTS } from './gatePolicySchema';

const gate: any = {
  id: 'lint-clean',
  title: 'Zero lint errors',
  severity: 'high',
  category: 'quality',
  level: 'bronze',
  rationale: 'Lint errors hide real defects.',
  remediation: 'https://example.com/lint',
  rules: [{ op: 'eq', fact: 'ci.lint.errors', value: 0 }],
};

describe('gate policy', () => {
  it('accepts the seed policy', () => {
    expect(policy.gates.length).toBeGreaterThan(10);
    expect(parseGatePolicy(policy)).toEqual(policy);
  });

  it('names the offending field and gate', () => {
    expect(() =>
      defineGatePolicy({
        version: 1,
        levels: ['bronze'],
        gates: [gate, { ...gate, id: 'other', severity: 'urgent' as any }],
      }),
    ).toThrow(/gates\[1\]\.severity \(gate "other"\)/);
  });

  it('rejects duplicate ids and unknown levels', () => {
    let error: unknown;
    try {
      parseGatePolicy({
        version: 1,
        levels: ['bronze'],
        gates: [gate, { ...gate, level: 'platinum' }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatePolicyError);
    expect((error as GatePolicyError).issues.map(i => i.message)).toEqual([
      'duplicate gate id "lint-clean"',
      'unknown level "platinum" (levels: bronze)',
    ]);
  });

  it('rejects bad durations and rules', () => {
    expect(() =>
      parseGatePolicy({
        version: 1,
        levels: ['b'],
        gates: [{ ...gate, level: 'b', maxAge: '7 days' }],
      }),
    ).toThrow(/maxAge/);
    expect(() =>
      parseGatePolicy({
        version: 1,
        levels: ['b'],
        gates: [{ ...gate, level: 'b', rules: [{ op: 'gte', fact: 'x' }] }],
      }),
    ).toThrow(/rules\[0\]/);
    expect(() => parseGatePolicy(undefined)).toThrow(GatePolicyError);
  });

  it('weights severities like OSSF Scorecard', () => {
    expect(SEVERITY_WEIGHTS).toEqual({
      critical: 10,
      high: 7.5,
      medium: 5,
      low: 2.5,
    });
  });
});

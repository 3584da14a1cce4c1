import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { facts, gate, NOW } from '../__testUtils__/engineHarness';
import { compilePolicy } from './compilePolicy';

describe('rule operators', () => {
  const single = (rule: Record<string, unknown>) =>
    compilePolicy(
      parseGatePolicy({
        version: 1,
        levels: ['one'],
        gates: [
          gate({ id: 'g', severity: 'low', level: 'one', rules: [rule] }),
        ],
      }),
    );
  const run = (rule: Record<string, unknown>, value: unknown) =>
    single(rule).evaluate({
      entityRef: 'x',
      facts: facts({ f: value }),
      now: NOW,
    }).scorecard.gates[0];

  it.each([
    [{ op: 'exists', fact: 'f' }, 0, 'pass'],
    [{ op: 'exists', fact: 'f' }, null, 'fail'],
    [{ op: 'truthy', fact: 'f' }, 'false', 'fail'],
    [{ op: 'truthy', fact: 'f' }, 'true', 'pass'],
    [{ op: 'truthy', fact: 'f' }, 0, 'fail'],
    [{ op: 'falsy', fact: 'f' }, false, 'pass'],
    [{ op: 'falsy', fact: 'f' }, 'no', 'pass'],
    [{ op: 'falsy', fact: 'f' }, 1, 'fail'],
    [{ op: 'gt', fact: 'f', value: 1 }, 2, 'pass'],
    [{ op: 'gt', fact: 'f', value: 1 }, 1, 'fail'],
    [{ op: 'lt', fact: 'f', value: 1 }, '0.5', 'pass'],
    [{ op: 'lte', fact: 'f', value: 1 }, 1, 'pass'],
    [{ op: 'gte', fact: 'f', value: 1 }, 'abc', 'fail'],
    [{ op: 'eq', fact: 'f', value: 'main' }, 'main', 'pass'],
    [{ op: 'eq', fact: 'f', value: true }, 'true', 'pass'],
    [{ op: 'eq', fact: 'f', value: true }, false, 'fail'],
    [{ op: 'neq', fact: 'f', value: 3 }, 4, 'pass'],
    [{ op: 'neq', fact: 'f', value: 3 }, '3', 'fail'],
    [
      { op: 'includesAll', fact: 'f', value: ['a', 'b'] },
      ['b', 'a', 'c'],
      'pass',
    ],
    [{ op: 'includesAll', fact: 'f', value: ['a', 'b'] }, ['a'], 'fail'],
    [{ op: 'includesAll', fact: 'f', value: ['a'] }, 'a', 'fail'],
  ])('%j on %j -> %s', (rule, value, expected) => {
    expect(run(rule, value).status).toBe(expected);
  });

  it('explains failures', () => {
    expect(
      run({ op: 'includesAll', fact: 'f', value: ['a', 'b'] }, ['a'])
        .evidence[0].message,
    ).toBe('missing b');
    expect(
      run({ op: 'gte', fact: 'f', value: 1 }, 'abc').evidence[0].message,
    ).toBe('"abc" is not a number');
    expect(run({ op: 'neq', fact: 'f', value: 3 }, 3).evidence[0].message).toBe(
      '3 == 3',
    );
  });

  it('matches annotation keys in appliesTo', () => {
    const p = compilePolicy(
      parseGatePolicy({
        version: 1,
        levels: ['one'],
        gates: [
          gate({
            id: 'g',
            severity: 'low',
            level: 'one',
            rules: [{ op: 'truthy', fact: 'f' }],
            appliesTo: {
              'metadata.annotations.gatekeeper.dev/tier': 'critical',
            },
          }),
        ],
      }),
    );
    const ev = (annotations: Record<string, string>) =>
      p.evaluate({
        entityRef: 'x',
        entity: { kind: 'Component', metadata: { annotations } },
        facts: facts({ f: true }),
        now: NOW,
      }).scorecard.gates.length;
    expect(ev({ 'gatekeeper.dev/tier': 'critical' })).toBe(1);
    expect(ev({})).toBe(0);
  });
});

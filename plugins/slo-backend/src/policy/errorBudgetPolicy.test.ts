import { SloStatus } from '@gatekeeper/plugin-slo-common';
import {
  decideGate,
  DEFAULT_POLICY,
  describeExceptions,
  evaluateFreeze,
} from './errorBudgetPolicy';

const status = (name: string, remaining: number, total = 100): SloStatus => ({
  name,
  objective: 0.99,
  timeWindow: { duration: '28d', rolling: true },
  budgetingMethod: 'Occurrences',
  attainment: 0.99,
  errorBudget: {
    total,
    consumed: total - remaining,
    remaining,
    remainingPercent: (remaining / total) * 100,
  },
  burnRateAlerts: [],
  exhaustion: { burnRate: 1 },
  series: [],
});
const now = new Date('2026-11-24T12:00:00Z');

describe('evaluateFreeze', () => {
  it('freezes when any budget is exhausted (remaining <= 0)', () => {
    const freeze = evaluateFreeze({
      slos: [status('a', 50), status('b', 0), status('c', -10)],
      incidents: [],
      policy: DEFAULT_POLICY,
    });
    expect(freeze.frozen).toBe(true);
    expect(freeze.reasons).toEqual([
      'SLO b: error budget exhausted (0.0% remaining over 28d)',
      'SLO c: error budget exhausted (-10.0% remaining over 28d)',
    ]);
    expect(freeze.exceptions).toEqual(['P0', 'security']);
  });

  it('does not freeze on healthy budgets or SLOs without events', () => {
    expect(
      evaluateFreeze({
        slos: [status('a', 1), status('b', 0, 0)],
        incidents: [],
        policy: DEFAULT_POLICY,
      }).frozen,
    ).toBe(false);
  });

  it('requires a postmortem for incidents above the threshold without one', () => {
    const freeze = evaluateFreeze({
      slos: [status('a', 50)],
      incidents: [
        { id: 'i1', percent: 20 },
        { id: 'i2', percent: 20.5 },
        { id: 'i3', percent: 60, postmortemUrl: 'https://pm' },
        { id: 'i4' },
      ],
      policy: DEFAULT_POLICY,
    });
    expect(freeze.postmortemRequired).toEqual([
      { incidentId: 'i2', percent: 20.5 },
    ]);
  });

  it('an override lifts the freeze and says so', () => {
    const override = {
      by: 'user:default/sre',
      reason: 'fix',
      expiresAt: '2026-11-25T00:00:00.000Z',
    };
    const freeze = evaluateFreeze({
      slos: [status('a', -1)],
      incidents: [],
      override,
      policy: DEFAULT_POLICY,
    });
    expect(freeze.frozen).toBe(false);
    expect(freeze.override).toEqual(override);
    expect(freeze.reasons[1]).toBe(
      'freeze overridden by user:default/sre until 2026-11-25T00:00:00.000Z: fix',
    );
  });
});

describe('describeExceptions', () => {
  it('says what the configured policy allows', () => {
    expect(describeExceptions(['P0'])).toBe('only P0 changes are allowed');
    expect(describeExceptions(['P0', 'security'])).toBe(
      'only P0 and security changes are allowed',
    );
    expect(describeExceptions(['p0', 'security', 'hotfix'])).toBe(
      'only p0, security and hotfix changes are allowed',
    );
    expect(describeExceptions([])).toMatch(/^no changes are allowed/);
  });
});

const frozen = evaluateFreeze({
  slos: [status('a', -1)],
  incidents: [],
  policy: DEFAULT_POLICY,
});
const base = {
  entityRef: 'component:default/x',
  slos: 1,
  policy: DEFAULT_POLICY,
  now,
};

describe('decideGate', () => {
  it('freeze reason follows the policy: only P0 means only P0', () => {
    const onlyP0 = { ...DEFAULT_POLICY, exceptions: ['P0'] };
    const freeze = evaluateFreeze({
      slos: [status('a', -1)],
      incidents: [],
      policy: onlyP0,
    });
    const gate = decideGate({
      entityRef: 'component:default/x',
      slos: 1,
      policy: onlyP0,
      now,
      change: 'security',
      freeze,
    });
    expect(gate.decision).toBe('deny');
    expect(gate.reasons[0]).toBe(
      'error budget freeze in effect: only P0 changes are allowed',
    );
    expect(gate.reasons.join('\n')).not.toMatch(/security/);
  });

  it('still decides and lists the SLOs it could not evaluate', () => {
    const freeze = evaluateFreeze({
      slos: [status('a', -1)],
      incidents: [],
      policy: DEFAULT_POLICY,
    });
    const errors = [
      { slo: 'broken', file: 'slo.yaml', message: 'slo.yaml: SLO broken: x' },
      { message: 'other.yaml: file not found', file: 'other.yaml' },
    ];
    const gate = decideGate({
      entityRef: 'component:default/x',
      slos: 1,
      policy: DEFAULT_POLICY,
      now,
      change: 'normal',
      freeze,
      errors,
    });
    expect(gate.decision).toBe('deny');
    expect(gate.notEvaluated).toEqual(errors);
    expect(gate.reasons).toContain('not evaluated: slo.yaml: SLO broken: x');
    expect(gate.reasons).toContain('not evaluated: other.yaml: file not found');
    const ok = decideGate({
      entityRef: 'component:default/x',
      slos: 0,
      policy: DEFAULT_POLICY,
      now,
      change: 'normal',
      freeze: { ...freeze, frozen: false, reasons: [] },
      errors: [{ slo: 'b', message: 'bad' }],
    });
    expect(ok.decision).toBe('allow');
    expect(ok.reasons).toContain('not evaluated: b: bad');
  });
});

describe('decideGate, part 2', () => {
  it('denies normal changes during a freeze and allows P0 and security', () => {
    const deny = decideGate({ ...base, change: 'normal', freeze: frozen });
    expect(deny.decision).toBe('deny');
    expect(deny.evaluatedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(decideGate({ ...base, change: 'p0', freeze: frozen }).decision).toBe(
      'allow',
    );
    const security = decideGate({
      ...base,
      change: 'security',
      freeze: frozen,
    });
    expect(security.decision).toBe('allow');
    expect(security.reasons[0]).toBe(
      'error budget freeze in effect, allowed as a security change (policy exception)',
    );
  });

  it('allows entities without SLOs and healthy ones', () => {
    const healthy = evaluateFreeze({
      slos: [],
      incidents: [],
      policy: DEFAULT_POLICY,
    });
    expect(
      decideGate({ ...base, slos: 0, change: 'normal', freeze: healthy }),
    ).toMatchObject({
      decision: 'allow',
      slos: 0,
      reasons: ['no SLOs defined for this entity'],
    });
    expect(
      decideGate({ ...base, change: 'normal', freeze: healthy }).reasons,
    ).toEqual(['all error budgets within policy']);
  });

  it('lists required postmortems and can block on them', () => {
    const freeze = evaluateFreeze({
      slos: [status('a', 10)],
      incidents: [{ id: 'i1', percent: 33.333 }],
      policy: DEFAULT_POLICY,
    });
    const allow = decideGate({ ...base, change: 'normal', freeze });
    expect(allow.decision).toBe('allow');
    expect(allow.reasons).toEqual([
      'postmortem required for i1 (33.3% of the budget)',
    ]);
    const strict = { ...DEFAULT_POLICY, postmortemBlocksChanges: true };
    expect(
      decideGate({ ...base, policy: strict, change: 'normal', freeze })
        .decision,
    ).toBe('deny');
    expect(
      decideGate({ ...base, policy: strict, change: 'security', freeze })
        .decision,
    ).toBe('allow');
  });
});

import {
  GatePolicy,
  parseGatePolicy,
} from '@gatekeeper/plugin-scorecards-common';
import { compilePolicy, policyHash } from './compilePolicy';
import { FactRecord, ResolvedWaivers } from './types';
import { facts, gate, NOW } from '../__testUtils__/engineHarness';
import { resolveWaivers } from './waivers';

const DAY = 24 * 3600 * 1000;

const policy: GatePolicy = parseGatePolicy({
  version: 1,
  levels: ['bronze', 'silver', 'gold'],
  gates: [
    gate({
      id: 'coverage',
      severity: 'critical',
      level: 'bronze',
      rules: [{ op: 'gte', fact: 'ci.coverage', value: 80 }],
      maxAge: 'P7D',
    }),
    gate({
      id: 'lint',
      severity: 'high',
      level: 'bronze',
      rules: [{ op: 'eq', fact: 'ci.lint', value: 0 }],
    }),
    gate({
      id: 'docs',
      severity: 'medium',
      level: 'silver',
      rules: [
        { op: 'truthy', fact: 'repo.docs' },
        { op: 'truthy', fact: 'repo.readme' },
      ],
    }),
    gate({
      id: 'canary',
      severity: 'low',
      level: 'gold',
      rules: [{ op: 'truthy', fact: 'repo.canary' }],
      appliesTo: { kind: 'Component', 'spec.type': ['service', 'worker'] },
    }),
  ],
});

const compiled = compilePolicy(policy);

const service = {
  kind: 'Component',
  metadata: { name: 'svc' },
  spec: { type: 'service' },
};

const allPass = {
  'ci.coverage': 85,
  'ci.lint': 0,
  'repo.docs': true,
  'repo.readme': 'yes',
  'repo.canary': true,
};

function evaluate(
  values: Record<string, unknown>,
  extra: {
    entity?: any;
    waivers?: ResolvedWaivers;
    facts?: Map<string, FactRecord>;
  } = {},
) {
  return compiled.evaluate({
    entityRef: 'component:default/svc',
    entity: extra.entity ?? service,
    facts: extra.facts ?? facts(values),
    waivers: extra.waivers,
    now: NOW,
  });
}

const statusOf = (out: ReturnType<typeof evaluate>, id: string) =>
  out.scorecard.gates.find(g => g.gateId === id)?.status;

describe('compilePolicy', () => {
  it('passes everything: ready, 100, top level', () => {
    const { scorecard } = evaluate(allPass);
    expect(scorecard.verdict).toBe('ready');
    expect(scorecard.score).toBe(100);
    expect(scorecard.level).toBe('gold');
    expect(scorecard.counts).toEqual({
      pass: 4,
      fail: 0,
      unknown: 0,
      stale: 0,
      waived: 0,
    });
    expect(scorecard.policyVersion).toBe(policyHash(policy));
    // Campaigns do not change verdicts: not part of the version.
    const withCampaign = {
      ...policy,
      campaigns: [
        {
          id: 'c',
          title: 'A campaign',
          owner: 'group:default/a',
          target: { level: 'gold' },
          selector: {},
          deadline: '2030-01-01',
        },
      ],
    };
    expect(policyHash(withCampaign)).toBe(policyHash(policy));
    expect(policyHash({ ...policy, levels: ['x'] })).not.toBe(
      policyHash(policy),
    );
    expect(scorecard.gates[0].evidence[0]).toEqual({
      fact: 'ci.coverage',
      value: 85,
      observedAt: new Date(NOW - 1000).toISOString(),
      source: 'test',
      message: '85 >= 80',
      evidenceKind: 'observed',
    });
  });

  it('blocks when a critical gate fails and computes the weighted score', () => {
    const out = evaluate({ ...allPass, 'ci.coverage': 62 });
    expect(statusOf(out, 'coverage')).toBe('fail');
    expect(out.scorecard.verdict).toBe('blocked');
    // pass weights: high 7.5 + medium 5 + low 2.5 = 15 of 25 -> 60
    expect(out.scorecard.score).toBe(60);
    expect(out.scorecard.level).toBeUndefined();
    expect(out.scorecard.gates[0].evidence[0].message).toBe('62 < 80');
  });

  it('is at-risk when a non-critical gate fails; level stops below it', () => {
    const out = evaluate({ ...allPass, 'repo.readme': false });
    expect(statusOf(out, 'docs')).toBe('fail');
    expect(out.scorecard.verdict).toBe('at-risk');
    // 10 + 7.5 + 2.5 = 20 of 25 -> 80
    expect(out.scorecard.score).toBe(80);
    expect(out.scorecard.level).toBe('bronze');
  });

  it('reports unknown for missing facts, excluded from the score', () => {
    const out = evaluate({ 'ci.coverage': 90, 'ci.lint': 3 });
    expect(statusOf(out, 'docs')).toBe('unknown');
    expect(statusOf(out, 'canary')).toBe('unknown');
    expect(statusOf(out, 'lint')).toBe('fail');
    // 10 of (10 + 7.5) -> 57.14... -> 57.1
    expect(out.scorecard.score).toBe(57.1);
    expect(out.scorecard.verdict).toBe('at-risk');
    expect(out.scorecard.gates[2].evidence[0].message).toBe('fact missing');
  });

  it('has no score when every gate is unknown', () => {
    const out = evaluate({});
    expect(out.scorecard.score).toBeUndefined();
    expect(out.scorecard.verdict).toBe('ready');
    expect(out.scorecard.level).toBeUndefined();
    expect(out.scorecard.counts.unknown).toBe(4);
  });

  it('reports stale facts older than maxAge; stale counts as 0 and at-risk', () => {
    const f = facts(allPass);
    f.set('ci.coverage', {
      value: 95,
      observedAt: NOW - 40 * DAY,
      source: 'ci',
    });
    const out = evaluate({}, { facts: f });
    expect(statusOf(out, 'coverage')).toBe('stale');
    expect(out.scorecard.verdict).toBe('at-risk');
    // 7.5 + 5 + 2.5 = 15 of 25 -> 60
    expect(out.scorecard.score).toBe(60);
    expect(out.scorecard.level).toBeUndefined();
    expect(out.scorecard.gates[0].evidence[0].message).toContain(
      'observed 40 days ago, older than P7D',
    );
  });

  it('a fresh failing rule wins over a missing one', () => {
    const out = evaluate({
      ...allPass,
      'repo.docs': false,
      'repo.readme': undefined,
    });
    expect(statusOf(out, 'docs')).toBe('fail');
  });

  it('honours appliesTo (kind and spec.type, case-insensitive)', () => {
    const website = {
      kind: 'component',
      metadata: {},
      spec: { type: 'website' },
    };
    const out = evaluate(allPass, { entity: website });
    expect(out.scorecard.gates.map(g => g.gateId)).toEqual([
      'coverage',
      'lint',
      'docs',
    ]);
    const worker = {
      kind: 'Component',
      metadata: {},
      spec: { type: 'WORKER' },
    };
    expect(evaluate(allPass, { entity: worker }).scorecard.gates).toHaveLength(
      4,
    );
    expect(
      evaluate(allPass, { entity: { kind: 'API', metadata: {} } }).scorecard
        .gates,
    ).toHaveLength(3);
  });

  it('applies active waivers, audits them, and ignores expired ones', () => {
    const waivers = resolveWaivers({
      raw: [
        {
          source: 'annotation',
          value: {
            gate: 'lint',
            reason: 'legacy code',
            approver: 'alice',
            expires: '2027-01-01',
          },
        },
        {
          source: 'file',
          value: {
            gate: 'docs',
            reason: 'old waiver',
            approver: 'bob',
            expires: '2026-01-01',
          },
        },
      ],
      gateIds: new Set(['coverage', 'lint', 'docs', 'canary']),
      now: NOW,
    });
    const out = evaluate(
      { ...allPass, 'ci.lint': 12, 'repo.docs': false },
      { waivers },
    );
    expect(statusOf(out, 'lint')).toBe('waived');
    expect(statusOf(out, 'docs')).toBe('fail');
    expect(out.appliedWaivers).toEqual([
      expect.objectContaining({
        gateId: 'lint',
        approver: 'alice',
        source: 'annotation',
      }),
    ]);
    const lint = out.scorecard.gates.find(g => g.gateId === 'lint')!;
    expect(lint.waiver?.expiresAt).toBe('2027-01-01T00:00:00.000Z');
    const docs = out.scorecard.gates.find(g => g.gateId === 'docs')!;
    expect(docs.evidence.at(-1)?.message).toContain('expired');
    // waived excluded from score: 10 (coverage) + 2.5 (canary) of 10 + 5 + 2.5
    expect(out.scorecard.score).toBe(71.4);
    // lint waived counts for the level; docs (silver) fails -> bronze
    expect(out.scorecard.level).toBe('bronze');
    expect(out.scorecard.verdict).toBe('at-risk');
  });

  it('does not use a waiver for a passing gate', () => {
    const waivers = resolveWaivers({
      raw: [
        {
          source: 'annotation',
          value: {
            gate: 'lint',
            reason: 'why not',
            approver: 'a',
            expires: '2030-01-01',
          },
        },
      ],
      gateIds: new Set(['lint']),
      now: NOW,
    });
    const out = evaluate(allPass, { waivers });
    expect(statusOf(out, 'lint')).toBe('pass');
    expect(out.appliedWaivers).toEqual([]);
  });

  it('a waived critical gate does not block', () => {
    const waivers = resolveWaivers({
      raw: [
        {
          source: 'file',
          value: {
            gate: 'coverage',
            reason: 'migration',
            approver: 'a',
            expires: '2030-01-01',
          },
        },
      ],
      gateIds: new Set(['coverage']),
      now: NOW,
    });
    const out = evaluate({ ...allPass, 'ci.coverage': 10 }, { waivers });
    expect(out.scorecard.verdict).toBe('ready');
    expect(out.scorecard.level).toBe('gold');
  });

  it('shows invalid waivers as evidence and warnings', () => {
    const waivers = resolveWaivers({
      raw: [{ source: 'annotation', value: { gate: 'lint', reason: 'x' } }],
      gateIds: new Set(['lint']),
      now: NOW,
    });
    const out = evaluate({ ...allPass, 'ci.lint': 1 }, { waivers });
    expect(statusOf(out, 'lint')).toBe('fail');
    expect(out.scorecard.warnings?.[0]).toContain('invalid waiver');
    expect(
      out.scorecard.gates.find(g => g.gateId === 'lint')!.evidence.at(-1)
        ?.message,
    ).toContain('approver');
  });

  it('signature changes only when the outcome changes', () => {
    const a = evaluate(allPass).signature;
    const f = facts({ ...allPass, 'ci.coverage': 99 }, NOW - 5000);
    expect(evaluate({}, { facts: f }).signature).toBe(a);
    expect(evaluate({ ...allPass, 'ci.lint': 1 }).signature).not.toBe(a);
  });

  it('lists the fact ids the policy needs', () => {
    expect(compiled.factIds.sort()).toEqual(
      [
        'ci.coverage',
        'ci.lint',
        'repo.canary',
        'repo.docs',
        'repo.readme',
      ].sort(),
    );
  });
});

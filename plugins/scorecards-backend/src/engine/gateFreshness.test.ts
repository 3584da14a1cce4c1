import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { compilePolicy } from './compilePolicy';
import { FactRecord } from './types';
import { gate, NOW } from '../__testUtils__/engineHarness';

const DAY = 24 * 3600 * 1000;

const policy = compilePolicy(
  parseGatePolicy({
    version: 1,
    levels: ['bronze'],
    gates: [
      gate({
        id: 'coverage',
        severity: 'critical',
        level: 'bronze',
        rules: [{ op: 'gte', fact: 'ci.coverage', value: 80 }],
        maxAge: 'P7D',
        requireObserved: true,
      }),
      gate({
        id: 'ci-steps',
        severity: 'high',
        level: 'bronze',
        rules: [
          { op: 'truthy', fact: 'repo.workflow.lint' },
          { op: 'truthy', fact: 'repo.workflow.sast' },
        ],
        maxAge: 'P30D',
      }),
    ],
  }),
);

const record = (
  value: unknown,
  over: Partial<FactRecord> = {},
): FactRecord => ({
  value: value as FactRecord['value'],
  observedAt: NOW - 1000,
  source: 'push:ci',
  ...over,
});

function evaluate(facts: Record<string, FactRecord>) {
  const { scorecard } = policy.evaluate({
    entityRef: 'component:default/a',
    facts: new Map(Object.entries(facts)),
    now: NOW,
  });
  return Object.fromEntries(scorecard.gates.map(g => [g.gateId, g]));
}

const configured = { source: 'provider:ci-workflows', evidence: 'configured' };

describe('evidence kind and freshness', () => {
  it('makes a requireObserved gate decided only by configuration unknown', () => {
    const gates = evaluate({
      'ci.coverage': record(90, configured as Partial<FactRecord>),
    });
    expect(gates.coverage.status).toBe('unknown');
    expect(gates.coverage.evidence[0].message).toBe(
      '90 >= 80 (configured, not yet observed)',
    );
    expect(gates.coverage.evidence[0].evidenceKind).toBe('configured');
    expect(gates.coverage.freshness).toMatchObject({
      kind: 'configured',
      requireObserved: true,
      stale: false,
    });
  });

  it('passes a requireObserved gate on an observed fact, with source, time and TTL', () => {
    const gates = evaluate({ 'ci.coverage': record(90) });
    expect(gates.coverage.status).toBe('pass');
    expect(gates.coverage.freshness).toEqual({
      kind: 'observed',
      sources: ['push:ci'],
      observedAt: new Date(NOW - 1000).toISOString(),
      ttl: 'P7D',
      expiresAt: new Date(NOW - 1000 + 7 * DAY).toISOString(),
      stale: false,
      requireObserved: true,
    });
  });

  it('labels a pass from configuration as configured, not yet observed', () => {
    const gates = evaluate({
      'repo.workflow.lint': record(true, configured as Partial<FactRecord>),
      'repo.workflow.sast': record(true, {
        ...(configured as Partial<FactRecord>),
        observedAt: NOW - 2 * DAY,
      }),
    });
    const steps = gates['ci-steps'];
    expect(steps.status).toBe('pass');
    expect(steps.evidence.map(e => e.message)).toEqual([
      'true is true (configured, not yet observed)',
      'true is true (configured, not yet observed)',
    ]);
    expect(steps.freshness).toMatchObject({
      kind: 'configured',
      sources: ['provider:ci-workflows'],
      observedAt: new Date(NOW - 2 * DAY).toISOString(),
      ttl: 'P30D',
      stale: false,
    });
    expect(steps.freshness?.requireObserved).toBeUndefined();
  });

  it('counts a mix of observed and configured facts as configured', () => {
    const gates = evaluate({
      'repo.workflow.lint': record(true),
      'repo.workflow.sast': record(true, configured as Partial<FactRecord>),
    });
    expect(gates['ci-steps'].freshness?.kind).toBe('configured');
    expect(gates['ci-steps'].freshness?.sources).toEqual([
      'provider:ci-workflows',
      'push:ci',
    ]);
  });

  it('labels a gate decided by facts older than the TTL as stale', () => {
    const gates = evaluate({
      'ci.coverage': record(90, { observedAt: NOW - 8 * DAY }),
    });
    expect(gates.coverage.status).toBe('stale');
    expect(gates.coverage.freshness).toMatchObject({
      kind: 'observed',
      stale: true,
      expiresAt: new Date(NOW - DAY).toISOString(),
    });
  });

  it('keeps a failing observed rule failing under requireObserved', () => {
    const gates = evaluate({ 'ci.coverage': record(50) });
    expect(gates.coverage.status).toBe('fail');
  });

  it('has no observed-at time when every fact is missing', () => {
    const gates = evaluate({});
    expect(gates.coverage.status).toBe('unknown');
    expect(gates.coverage.freshness).toEqual({
      kind: 'observed',
      sources: [],
      ttl: 'P7D',
      stale: false,
      requireObserved: true,
    });
  });

  it('rejects a requireObserved that is not a boolean', () => {
    expect(() =>
      parseGatePolicy({
        version: 1,
        levels: ['b'],
        gates: [
          gate({
            id: 'g',
            severity: 'low',
            level: 'b',
            rules: [{ op: 'exists', fact: 'x' }],
            requireObserved: 'yes',
          }),
        ],
      }),
    ).toThrow(/requireObserved/);
  });
});

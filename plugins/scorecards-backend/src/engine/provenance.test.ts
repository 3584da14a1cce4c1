import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { compilePolicy } from './compilePolicy';
import { movedPast, readDefaultBranchHead, sameCommit } from './provenance';
import { FactRecord } from './types';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const NOW = Date.parse('2026-12-03T12:00:00Z');
const HOUR = 3_600_000;

const fact = (over: Partial<FactRecord>): FactRecord => ({
  value: 90,
  observedAt: NOW - 2 * HOUR,
  source: 'push:ci',
  ...over,
});

describe('provenance', () => {
  it('matches short SHAs by prefix, case-insensitively', () => {
    expect(sameCommit('AAAAAAA', A)).toBe(true);
    expect(sameCommit(A, 'aaaaaaa')).toBe(true);
    expect(sameCommit('aaaaaab', A)).toBe(false);
  });

  it('reads the default-branch head as a SHA or { sha, committedAt }, and ignores anything else', () => {
    const head = (value: unknown) =>
      readDefaultBranchHead(
        new Map([
          [
            'scm.default-branch.head',
            fact({ value: value as any, observedAt: NOW }),
          ],
        ]),
      );
    expect(head(B.toUpperCase())).toEqual({ sha: B, at: NOW });
    expect(head({ sha: B, committedAt: '2026-12-03T11:00:00Z' })).toEqual({
      sha: B,
      at: NOW - HOUR,
    });
    expect(head({ sha: B, committedAt: 'yesterday' })).toEqual({
      sha: B,
      at: NOW,
    });
    for (const bad of ['main', 42, { sha: 7 }, ['x'], null]) {
      expect(head(bad)).toBeUndefined();
    }
    expect(readDefaultBranchHead(new Map())).toBeUndefined();
  });

  it('calls a fact moved past only when its commit differs and the head is newer', () => {
    const withCommit = fact({ provenance: { commit: A } });
    expect(movedPast(withCommit, { sha: B, at: NOW })).toMatch(
      /describes commit aaaaaaaaaaaa, the default branch has moved to bbbbbbbbbbbb/,
    );
    expect(
      movedPast(withCommit, { sha: B, at: NOW - 3 * HOUR }),
    ).toBeUndefined();
    expect(
      movedPast(withCommit, { sha: A.slice(0, 7), at: NOW }),
    ).toBeUndefined();
    expect(movedPast(fact({}), { sha: B, at: NOW })).toBeUndefined();
    expect(movedPast(withCommit, undefined)).toBeUndefined();
  });

  it('evaluates a CI gate stale when the default branch moved past its commit, and puts the commit and run in the evidence', () => {
    const compiled = compilePolicy(
      parseGatePolicy({
        version: 1,
        levels: ['bronze'],
        gates: [
          {
            id: 'coverage',
            title: 'Line coverage',
            severity: 'critical',
            category: 'quality',
            level: 'bronze',
            rationale: 'Untested code breaks.',
            remediation: 'https://example.com/coverage',
            rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
            maxAge: 'P1D',
          },
        ],
      }),
    );
    const coverage = fact({
      provenance: {
        commit: A,
        runUrl: 'https://ci.example/runs/1',
        producer: 'gha.1.1',
      },
    });
    const evaluate = (facts: [string, FactRecord][]) =>
      compiled.evaluate({
        entityRef: 'component:default/x',
        facts: new Map(facts),
        now: NOW,
      }).scorecard.gates[0];
    const fresh = evaluate([['ci.coverage.lines', coverage]]);
    expect(fresh.status).toBe('pass');
    expect(fresh.evidence[0]).toMatchObject({
      commit: A,
      runUrl: 'https://ci.example/runs/1',
      producer: 'gha.1.1',
    });
    const moved = evaluate([
      ['ci.coverage.lines', coverage],
      ['scm.default-branch.head', fact({ value: B, observedAt: NOW })],
    ]);
    expect(moved.status).toBe('stale');
    expect(moved.evidence[0].message).toContain(
      'the default branch has moved to',
    );
    const same = evaluate([
      ['ci.coverage.lines', coverage],
      ['scm.default-branch.head', fact({ value: A, observedAt: NOW })],
    ]);
    expect(same.status).toBe('pass');
    const old = evaluate([
      ['ci.coverage.lines', { ...coverage, observedAt: NOW - 2 * 24 * HOUR }],
    ]);
    expect(old.status).toBe('stale');
    expect(old.evidence[0].message).toMatch(/older than P1D/);
  });
});

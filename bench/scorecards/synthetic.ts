/*
 * Synthetic policy (30 gates) and facts shared by the scorecards benchmarks.
 * Deterministic (seeded PRNG) so every run evaluates the same data.
 */
import type { GatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';

export const GATE_COUNT = 30;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const LEVELS = ['bronze', 'silver', 'gold'];

/** Mulberry32: tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticRule =
  | { op: 'gte'; fact: string; value: number }
  | { op: 'eq'; fact: string; value: number }
  | { op: 'truthy'; fact: string };

/** Gate i: rules over its own facts; a third numeric >=, a third == 0, a third boolean pairs. */
export function syntheticRules(i: number): SyntheticRule[] {
  switch (i % 3) {
    case 0:
      return [{ op: 'gte', fact: `bench.metric-${i}.value`, value: 70 }];
    case 1:
      return [{ op: 'eq', fact: `bench.metric-${i}.errors`, value: 0 }];
    default:
      return [
        { op: 'truthy', fact: `bench.check-${i}.a` },
        { op: 'truthy', fact: `bench.check-${i}.b` },
      ];
  }
}

export function syntheticPolicy(): GatePolicy {
  return parseGatePolicy({
    version: 1,
    levels: LEVELS,
    gates: Array.from({ length: GATE_COUNT }, (_, i) => ({
      id: `gate-${i}`,
      title: `Synthetic gate ${i}`,
      severity: SEVERITIES[i % 4],
      category: 'quality',
      level: LEVELS[i % 3],
      rationale: 'Synthetic benchmark gate.',
      remediation: `https://example.com/gates/${i}`,
      rules: syntheticRules(i),
      maxAge: 'P30D',
    })),
  });
}

export function factIds(): string[] {
  return Array.from({ length: GATE_COUNT }, (_, i) =>
    syntheticRules(i).map(r => r.fact),
  ).flat();
}

/** Facts of one entity: fact id -> value (every fact present). */
export function syntheticFacts(
  random: () => number,
): Record<string, number | boolean> {
  const facts: Record<string, number | boolean> = {};
  for (let i = 0; i < GATE_COUNT; i++) {
    for (const rule of syntheticRules(i)) {
      if (rule.op === 'gte')
        facts[rule.fact] = Math.round(random() * 1000) / 10;
      else if (rule.op === 'eq')
        facts[rule.fact] = random() < 0.7 ? 0 : Math.floor(random() * 5) + 1;
      else facts[rule.fact] = random() < 0.8;
    }
  }
  return facts;
}

/** The same gates as tech-insights json-rules-engine checks. */
export function jsonfcChecks(retrieverId: string) {
  return Array.from({ length: GATE_COUNT }, (_, i) => ({
    id: `gate-${i}`,
    name: `Synthetic gate ${i}`,
    type: 'json-rules-engine',
    description: 'Synthetic benchmark gate.',
    factIds: [retrieverId],
    rule: {
      conditions: {
        all: syntheticRules(i).map(rule => {
          if (rule.op === 'gte') {
            return {
              fact: rule.fact,
              operator: 'greaterThanInclusive',
              value: rule.value,
            };
          }
          if (rule.op === 'eq') {
            return { fact: rule.fact, operator: 'equal', value: rule.value };
          }
          return { fact: rule.fact, operator: 'equal', value: true };
        }),
      },
    },
  }));
}

export const noopLogger: any = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};

import { GatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { durationToMillis } from '../engine/duration';
import { FactRecord, ResolvedWaivers } from '../engine/types';

/** Fact id -> the shortest `maxAge` (ms) of the gates whose rules read it. */
export function factMaxAges(policy: GatePolicy): Map<string, number> {
  const maxAges = new Map<string, number>();
  for (const gate of policy.gates) {
    if (!gate.maxAge) continue;
    const ms = durationToMillis(gate.maxAge);
    for (const rule of gate.rules) {
      const known = maxAges.get(rule.fact);
      if (known === undefined || ms < known) maxAges.set(rule.fact, ms);
    }
  }
  return maxAges;
}

/**
 * The first instant at which an evaluation made at `now` from these facts and
 * waivers may turn out differently without any new input: a fact read by a
 * gate with `maxAge` becomes stale, or an active waiver expires. Undefined
 * when nothing in the evaluation depends on time.
 */
export function evaluationValidUntil(options: {
  maxAges: ReadonlyMap<string, number>;
  facts: ReadonlyMap<string, FactRecord>;
  waivers: ResolvedWaivers;
  now: number;
}): number | undefined {
  const { maxAges, facts, waivers, now } = options;
  let until: number | undefined;
  const consider = (instant: number) => {
    if (instant > now && (until === undefined || instant < until)) {
      until = instant;
    }
  };
  for (const [factId, maxAge] of maxAges) {
    const fact = facts.get(factId);
    if (fact) consider(fact.observedAt + maxAge + 1);
  }
  for (const waiver of waivers.active.values()) {
    consider(Date.parse(waiver.expiresAt));
  }
  return until;
}

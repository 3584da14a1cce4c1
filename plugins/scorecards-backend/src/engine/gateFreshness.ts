import { Gate, GateFreshness } from '@gatekeeper/plugin-scorecards-common';
import { FactRecord } from './types';

/** The label of evidence derived from repository files, not observed. */
export const CONFIGURED_ONLY = 'configured, not yet observed';

/**
 * Kind, sources, oldest observation and TTL of the facts deciding a gate:
 * `configured` when any of them is configuration-only; `stale` when a rule
 * found its fact older than the TTL or describing an old commit.
 */
export function gateFreshness(options: {
  gate: Gate;
  maxAgeMs: number | undefined;
  facts: FactRecord[];
  stale: boolean;
  toIso: (ms: number) => string;
}): GateFreshness {
  const { gate, maxAgeMs, facts, toIso } = options;
  const sources = new Set<string>();
  let oldest: number | undefined;
  let configured = false;
  for (const fact of facts) {
    sources.add(fact.source);
    if (fact.evidence === 'configured') configured = true;
    if (oldest === undefined || fact.observedAt < oldest) {
      oldest = fact.observedAt;
    }
  }
  const freshness: GateFreshness = {
    kind: configured ? 'configured' : 'observed',
    sources: [...sources].sort(),
    stale: options.stale,
  };
  if (oldest !== undefined) freshness.observedAt = toIso(oldest);
  if (gate.maxAge) freshness.ttl = gate.maxAge;
  if (oldest !== undefined && maxAgeMs !== undefined) {
    freshness.expiresAt = toIso(oldest + maxAgeMs);
  }
  if (gate.requireObserved) freshness.requireObserved = true;
  return freshness;
}

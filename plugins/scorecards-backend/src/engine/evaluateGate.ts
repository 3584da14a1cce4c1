import {
  Gate,
  GateEvidence,
  GateFreshness,
  GateStatus,
  GateWaiver,
} from '@gatekeeper/plugin-scorecards-common';
import { CompiledRule } from './compileRule';
import { CONFIGURED_ONLY, gateFreshness } from './gateFreshness';
import { DefaultBranchHead, movedPast } from './provenance';
import { EvaluationInput, FactRecord, ResolvedWaivers } from './types';

type RuleOutcome = 'pass' | 'fail' | 'missing' | 'stale';

/** A gate of the policy compiled once into closures. */
export interface CompiledGate {
  gate: Gate;
  rules: CompiledRule[];
  maxAgeMs: number | undefined;
  applies:
    | ((entity: NonNullable<EvaluationInput['entity']>) => boolean)
    | undefined;
  weight: number;
  levelIndex: number;
  critical: boolean;
}

/** The status, evidence and applied waiver of one gate for one entity. */
export interface GateOutcome {
  status: GateStatus;
  evidence: GateEvidence[];
  waiver?: GateWaiver;
  freshness?: GateFreshness;
}

const DAY = 24 * 60 * 60 * 1000;

function describeAge(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)} days`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} hours`;
  return `${Math.max(0, Math.floor(ms / 60_000))} minutes`;
}

/**
 * ISO text of epoch milliseconds, remembering the last conversion: facts of
 * one entity mostly share a timestamp. One converter per evaluation.
 */
export function createIsoConverter(): (ms: number) => string {
  let lastMs = NaN;
  let lastIso = '';
  return ms => {
    if (ms !== lastMs) {
      lastIso = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastIso;
  };
}

/**
 * Decides one rule for a present value; a value the rule cannot handle
 * (e.g. a hostile object) makes the rule undecided, never the evaluation throw.
 */
function decideRule(
  rule: CompiledRule,
  value: unknown,
): { ok: boolean; message: string; error?: true } {
  try {
    const ok = rule.test(value);
    return { ok, message: rule.explain(value, ok) };
  } catch (error) {
    return {
      ok: false,
      message: `cannot evaluate ${rule.fact}: ${
        error instanceof Error ? error.message : 'invalid value'
      }`,
      error: true,
    };
  }
}

function ruleOutcome(
  compiled: CompiledGate,
  rule: CompiledRule,
  fact: FactRecord | undefined,
  now: number,
  head: DefaultBranchHead | undefined,
): { outcome: RuleOutcome; message: string } {
  if (fact === undefined || fact.value === undefined) {
    return { outcome: 'missing', message: 'fact missing' };
  }
  const age = now - fact.observedAt;
  const decided = decideRule(rule, fact.value);
  if (decided.error) return { outcome: 'missing', message: decided.message };
  if (fact.evidence === 'configured') {
    const message = `${decided.message} (${CONFIGURED_ONLY})`;
    // Configuration says what should happen, not that it did.
    if (compiled.gate.requireObserved) return { outcome: 'missing', message };
    decided.message = message;
  }
  if (compiled.maxAgeMs !== undefined && age > compiled.maxAgeMs) {
    return {
      outcome: 'stale',
      message: `${decided.message} (observed ${describeAge(
        age,
      )} ago, older than ${compiled.gate.maxAge})`,
    };
  }
  const moved = movedPast(fact, head);
  if (moved) {
    return { outcome: 'stale', message: `${decided.message} (${moved})` };
  }
  return { outcome: decided.ok ? 'pass' : 'fail', message: decided.message };
}

/** Evidence of one rule, with the commit, run and producer of pushed facts. */
function ruleEvidence(
  fact: string,
  record: FactRecord | undefined,
  message: string,
  toIso: (ms: number) => string,
): GateEvidence {
  if (record === undefined) return { fact, message };
  const evidence: GateEvidence = {
    fact,
    value: record.value,
    observedAt: record.observedAtIso ?? toIso(record.observedAt),
    source: record.source,
    message,
  };
  const provenance = record.provenance;
  if (provenance?.commit) evidence.commit = provenance.commit;
  if (provenance?.runUrl) evidence.runUrl = provenance.runUrl;
  if (provenance?.producer) evidence.producer = provenance.producer;
  evidence.evidenceKind = record.evidence ?? 'observed';
  return evidence;
}

/** Status and evidence of a gate's rules, before waivers. */
function evaluateRules(
  compiled: CompiledGate,
  facts: ReadonlyMap<string, FactRecord>,
  now: number,
  toIso: (ms: number) => string,
  head: DefaultBranchHead | undefined,
): GateOutcome {
  const { rules } = compiled;
  const evidence: GateEvidence[] = new Array(rules.length);
  let anyFail = false;
  let anyMissing = false;
  let anyStale = false;
  const present: FactRecord[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    const fact = facts.get(rule.fact);
    const { outcome, message } = ruleOutcome(compiled, rule, fact, now, head);
    if (outcome === 'fail') anyFail = true;
    else if (outcome === 'missing') anyMissing = true;
    else if (outcome === 'stale') anyStale = true;
    if (fact !== undefined) present.push(fact);
    evidence[r] = ruleEvidence(rule.fact, fact, message, toIso);
  }
  let status: GateStatus = 'pass';
  if (anyFail) status = 'fail';
  else if (anyMissing) status = 'unknown';
  else if (anyStale) status = 'stale';
  const freshness = gateFreshness({
    gate: compiled.gate,
    maxAgeMs: compiled.maxAgeMs,
    facts: present,
    stale: anyStale,
    toIso,
  });
  return { status, evidence, freshness };
}

/** Adds waiver evidence and turns a gate that is not passing into `waived`. */
function applyWaivers(
  gateId: string,
  outcome: GateOutcome,
  waivers: ResolvedWaivers,
): GateOutcome {
  const { evidence } = outcome;
  for (const problem of waivers.invalid.get(gateId) ?? []) {
    evidence.push({ fact: 'waiver', message: problem });
  }
  const expired = waivers.expired.get(gateId);
  if (expired) {
    evidence.push({
      fact: 'waiver',
      value: expired.expiresAt,
      source: `waiver:${expired.source}`,
      message: `waiver by ${expired.approver} expired at ${expired.expiresAt}; it no longer counts`,
    });
  }
  const active =
    outcome.status !== 'pass' ? waivers.active.get(gateId) : undefined;
  if (!active) return outcome;
  evidence.push({
    fact: 'waiver',
    value: active.expiresAt,
    source: `waiver:${active.source}`,
    message: `gate ${outcome.status} but waived by ${active.approver} until ${active.expiresAt}: ${active.reason}`,
  });
  return { ...outcome, status: 'waived', evidence, waiver: active };
}

/** Evaluates one compiled gate for one entity's facts and waivers. */
export function evaluateGate(
  compiled: CompiledGate,
  input: Pick<EvaluationInput, 'facts' | 'waivers' | 'now'>,
  toIso: (ms: number) => string,
  head?: DefaultBranchHead,
): GateOutcome {
  const outcome = evaluateRules(compiled, input.facts, input.now, toIso, head);
  return input.waivers
    ? applyWaivers(compiled.gate.id, outcome, input.waivers)
    : outcome;
}

import { createHash } from 'crypto';
import {
  EntityScorecard,
  EntityVerdict,
  Gate,
  GateEvidence,
  GatePolicy,
  GateResult,
  GateStatus,
  GateWaiver,
  SEVERITY_WEIGHTS,
} from '@gatekeeper/plugin-scorecards-common';
import { CompiledRule, compileRule } from './compileRule';
import { durationToMillis } from './duration';
import {
  DefaultBranchHead,
  movedPast,
  readDefaultBranchHead,
} from './provenance';
import { EvaluationInput, EvaluationOutput, FactRecord } from './types';

type RuleOutcome = 'pass' | 'fail' | 'missing' | 'stale';

interface CompiledGate {
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

/** A gate policy compiled once into closures; evaluate entities in a loop. */
export interface CompiledPolicy {
  policy: GatePolicy;
  /** Hash of the policy, stored with every scorecard. */
  version: string;
  /** Every fact id referenced by a rule. */
  factIds: string[];
  evaluate(input: EvaluationInput): EvaluationOutput;
}

function getPath(entity: object, key: string): unknown {
  for (const prefix of ['metadata.annotations.', 'metadata.labels.']) {
    if (key.startsWith(prefix)) {
      const map = getPath(entity, prefix.slice(0, -1)) as
        | Record<string, unknown>
        | undefined;
      return map?.[key.slice(prefix.length)];
    }
  }
  let current: unknown = entity;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function compileAppliesTo(
  appliesTo: Gate['appliesTo'],
): CompiledGate['applies'] {
  if (!appliesTo) return undefined;
  const conditions = Object.entries(appliesTo).map(([key, expected]) => ({
    key,
    allowed: new Set(
      (Array.isArray(expected) ? expected : [expected]).map(e =>
        e.toLowerCase(),
      ),
    ),
  }));
  return entity =>
    conditions.every(({ key, allowed }) => {
      const actual = getPath(entity, key);
      if (Array.isArray(actual)) {
        return actual.some(a => allowed.has(String(a).toLowerCase()));
      }
      return actual !== undefined && allowed.has(String(actual).toLowerCase());
    });
}

/** Stable hash of a policy (key order independent of insertion). */
export function policyHash(policy: GatePolicy): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value as object)
          .sort()
          .map(k => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(policy)))
    .digest('hex')
    .slice(0, 16);
}

const DAY = 24 * 60 * 60 * 1000;

// Facts of one entity mostly share a timestamp: remember the last conversion.
let lastIsoMs = NaN;
let lastIso = '';
function toIso(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}

function describeAge(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)} days`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} hours`;
  return `${Math.max(0, Math.floor(ms / 60_000))} minutes`;
}

/**
 * Compiles a validated gate policy once into closures. The returned
 * `evaluate` does no parsing and builds no rule engine per entity.
 */
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

/** The evidence of one rule, and whether it passes, fails, is missing or stale. */
function judgeRule(options: {
  rule: CompiledRule;
  fact: FactRecord | undefined;
  now: number;
  maxAgeMs: number | undefined;
  maxAge: string | undefined;
  head: DefaultBranchHead | undefined;
}): { outcome: RuleOutcome; evidence: GateEvidence } {
  const { rule, fact, now, maxAgeMs } = options;
  if (fact === undefined || fact.value === undefined) {
    return {
      outcome: 'missing',
      evidence: { fact: rule.fact, message: 'fact missing' },
    };
  }
  const age = now - fact.observedAt;
  const decided = decideRule(rule, fact.value);
  let message = decided.message;
  let outcome: RuleOutcome = decided.ok ? 'pass' : 'fail';
  const moved = movedPast(fact, options.head);
  if (decided.error) {
    outcome = 'missing';
  } else if (maxAgeMs !== undefined && age > maxAgeMs) {
    outcome = 'stale';
    message += ` (observed ${describeAge(age)} ago, older than ${
      options.maxAge
    })`;
  } else if (moved) {
    outcome = 'stale';
    message += ` (${moved})`;
  }
  const evidence: GateEvidence = {
    fact: rule.fact,
    value: fact.value,
    observedAt: fact.observedAtIso ?? toIso(fact.observedAt),
    source: fact.source,
    message,
  };
  const provenance = fact.provenance;
  if (provenance?.commit) evidence.commit = provenance.commit;
  if (provenance?.runUrl) evidence.runUrl = provenance.runUrl;
  if (provenance?.producer) evidence.producer = provenance.producer;
  return { outcome, evidence };
}

export function compilePolicy(policy: GatePolicy): CompiledPolicy {
  const levelCount = policy.levels.length;
  const gates: CompiledGate[] = policy.gates.map(gate => ({
    gate,
    rules: gate.rules.map(compileRule),
    maxAgeMs: gate.maxAge ? durationToMillis(gate.maxAge) : undefined,
    applies: compileAppliesTo(gate.appliesTo),
    weight: SEVERITY_WEIGHTS[gate.severity],
    levelIndex: policy.levels.indexOf(gate.level),
    critical: gate.severity === 'critical',
  }));
  const factIds = [...new Set(gates.flatMap(g => g.rules.map(r => r.fact)))];
  const version = policyHash(policy);

  function evaluate(input: EvaluationInput): EvaluationOutput {
    const { facts, waivers, now, entity } = input;
    const head = readDefaultBranchHead(facts);
    const results: GateResult[] = [];
    const appliedWaivers: GateWaiver[] = [];
    const counts: Record<GateStatus, number> = {
      pass: 0,
      fail: 0,
      unknown: 0,
      stale: 0,
      waived: 0,
    };
    let weightSum = 0;
    let weightedPass = 0;
    let lowestUnmetLevel = levelCount;
    let criticalFail = false;
    let anyFailOrStale = false;
    let signature = '';

    for (let g = 0; g < gates.length; g++) {
      const compiled = gates[g];
      if (compiled.applies && entity && !compiled.applies(entity)) continue;
      const { gate, rules, maxAgeMs } = compiled;
      const evidence: GateEvidence[] = new Array(rules.length);
      let anyFail = false;
      let anyMissing = false;
      let anyStale = false;
      for (let r = 0; r < rules.length; r++) {
        const judged = judgeRule({
          rule: rules[r],
          fact: facts.get(rules[r].fact),
          now,
          maxAgeMs,
          maxAge: gate.maxAge,
          head,
        });
        if (judged.outcome === 'fail') anyFail = true;
        else if (judged.outcome === 'missing') anyMissing = true;
        else if (judged.outcome === 'stale') anyStale = true;
        evidence[r] = judged.evidence;
      }
      let status: GateStatus = 'pass';
      if (anyFail) status = 'fail';
      else if (anyMissing) status = 'unknown';
      else if (anyStale) status = 'stale';

      let waiver: GateWaiver | undefined;
      if (waivers) {
        const invalid = waivers.invalid.get(gate.id);
        if (invalid) {
          for (const problem of invalid) {
            evidence.push({ fact: 'waiver', message: problem });
          }
        }
        const expired = waivers.expired.get(gate.id);
        if (expired) {
          evidence.push({
            fact: 'waiver',
            value: expired.expiresAt,
            source: `waiver:${expired.source}`,
            message: `waiver by ${expired.approver} expired at ${expired.expiresAt}; it no longer counts`,
          });
        }
        const active =
          status !== 'pass' ? waivers.active.get(gate.id) : undefined;
        if (active) {
          waiver = active;
          evidence.push({
            fact: 'waiver',
            value: active.expiresAt,
            source: `waiver:${active.source}`,
            message: `gate ${status} but waived by ${active.approver} until ${active.expiresAt}: ${active.reason}`,
          });
          status = 'waived';
          appliedWaivers.push(active);
        }
      }

      counts[status]++;
      if (status === 'pass') {
        weightSum += compiled.weight;
        weightedPass += compiled.weight;
      } else if (status === 'fail' || status === 'stale') {
        weightSum += compiled.weight;
        anyFailOrStale = true;
        if (status === 'fail' && compiled.critical) criticalFail = true;
      }
      if (
        status !== 'pass' &&
        status !== 'waived' &&
        compiled.levelIndex < lowestUnmetLevel
      ) {
        lowestUnmetLevel = compiled.levelIndex;
      }
      signature += `${gate.id}=${status};`;
      const result: GateResult = {
        gateId: gate.id,
        title: gate.title,
        severity: gate.severity,
        category: gate.category,
        level: gate.level,
        remediation: gate.remediation,
        status,
        evidence,
      };
      if (waiver) result.waiver = waiver;
      results.push(result);
    }

    let verdict: EntityVerdict = 'ready';
    if (criticalFail) verdict = 'blocked';
    else if (anyFailOrStale) verdict = 'at-risk';
    const score =
      weightSum > 0
        ? Math.round((1000 * weightedPass) / weightSum) / 10
        : undefined;
    const level =
      lowestUnmetLevel > 0 ? policy.levels[lowestUnmetLevel - 1] : undefined;
    const scorecard: EntityScorecard = {
      entityRef: input.entityRef,
      verdict,
      score,
      level,
      evaluatedAt: new Date(now).toISOString(),
      policyVersion: version,
      counts,
      gates: results,
    };
    if (waivers && waivers.warnings.length > 0) {
      scorecard.warnings = waivers.warnings;
    }
    return {
      scorecard,
      signature: `${verdict}|${score ?? ''}|${level ?? ''}|${signature}`,
      appliedWaivers,
    };
  }

  return { policy, version, factIds, evaluate };
}

import { createHash } from 'crypto';
import {
  EntityScorecard,
  Gate,
  GatePolicy,
  GateResult,
  GateWaiver,
  SEVERITY_WEIGHTS,
} from '@gatekeeper/plugin-scorecards-common';
import { compileRule } from './compileRule';
import { durationToMillis } from './duration';
import { CompiledGate, createIsoConverter, evaluateGate } from './evaluateGate';
import { readDefaultBranchHead } from './provenance';
import { ScoreTally } from './scoreTally';
import { EvaluationInput, EvaluationOutput } from './types';

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

/**
 * Stable hash of a policy (key order independent of insertion). Campaigns
 * do not change verdicts, so they are not part of it: editing one does not
 * re-evaluate every entity.
 */
export function policyHash(input: GatePolicy): string {
  const policy = { ...input, campaigns: undefined };
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

/**
 * Compiles a validated gate policy once into closures. The returned
 * `evaluate` does no parsing and builds no rule engine per entity.
 */
export function compilePolicy(policy: GatePolicy): CompiledPolicy {
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
    const { waivers, now, entity } = input;
    const results: GateResult[] = [];
    const appliedWaivers: GateWaiver[] = [];
    const tally = new ScoreTally(policy.levels);
    const toIso = createIsoConverter();
    const head = readDefaultBranchHead(input.facts);
    let signature = '';
    for (const compiled of gates) {
      if (compiled.applies && entity && !compiled.applies(entity)) continue;
      const { gate } = compiled;
      const { status, evidence, waiver, freshness } = evaluateGate(
        compiled,
        input,
        toIso,
        head,
      );
      if (waiver) appliedWaivers.push(waiver);
      tally.add(compiled, status);
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
      if (freshness) result.freshness = freshness;
      results.push(result);
    }
    const { verdict, score, level, counts } = tally;
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

import {
  EntityScorecard,
  GateEvidence,
  GatePolicy,
  GateResult,
  ReleaseChangeType,
  ReleaseGateBlockingGate,
  ReleaseGateException,
  ReleaseGateResponse,
} from '@gatekeeper/plugin-scorecards-common';
import { sameCommit } from '../engine/provenance';
import { SloGateAnswer } from './sloGateClient';

/** Facts the live error-budget gate decides (with the change type) instead of the scorecard. */
const LIVE_ERROR_BUDGET_FACTS = new Set(['slo.error-budget.respected']);

/** Gate ids whose every rule reads a fact of the live error-budget gate. */
export function liveErrorBudgetGates(policy: GatePolicy): Set<string> {
  return new Set(
    policy.gates
      .filter(g => g.rules.every(r => LIVE_ERROR_BUDGET_FACTS.has(r.fact)))
      .map(g => g.id),
  );
}

function factEvidence(gate: GateResult): GateEvidence[] {
  return gate.evidence.filter(e => e.fact !== 'waiver');
}

function blockingGates(gates: GateResult[]): ReleaseGateBlockingGate[] {
  const blocking: ReleaseGateBlockingGate[] = [];
  for (const gate of gates) {
    if (gate.severity !== 'critical') continue;
    if (gate.status === 'pass' || gate.status === 'waived') continue;
    const why = factEvidence(gate)
      .map(e => `${e.fact}: ${e.message}`)
      .join('; ');
    const what = {
      fail: 'fails',
      stale: 'is stale (its evidence no longer describes the release)',
      unknown: 'is unknown (no evidence)',
    }[gate.status];
    blocking.push({
      gateId: gate.gateId,
      title: gate.title,
      status: gate.status,
      reason: `critical gate ${gate.gateId} ${what}: ${why}`,
    });
  }
  return blocking;
}

function commitCheck(
  gates: GateResult[],
  requested: string | undefined,
): { commit: ReleaseGateResponse['commit']; reasons: string[] } {
  const withCommit = gates.flatMap(g =>
    factEvidence(g)
      .filter(e => e.commit)
      .map(e => ({ gate: g.gateId, evidence: e })),
  );
  const newest = [...withCommit].sort((a, b) =>
    (b.evidence.observedAt ?? '').localeCompare(a.evidence.observedAt ?? ''),
  )[0]?.evidence;
  const described = [...new Set(withCommit.map(w => w.evidence.commit!))];
  const commit: ReleaseGateResponse['commit'] = {
    requested,
    evaluated: newest?.commit,
    described,
    runUrl: newest?.runUrl,
  };
  if (!requested) return { commit, reasons: [] };
  const other = withCommit.filter(
    w => !sameCommit(w.evidence.commit!, requested),
  );
  commit.matches = withCommit.length > 0 && other.length === 0;
  if (withCommit.length === 0) {
    return {
      commit,
      reasons: [
        `no CI fact carries a commit: cannot tell that the scorecard describes ${requested}`,
      ],
    };
  }
  const reasons = [...new Set(other.map(o => o.evidence.commit!))].map(
    sha =>
      `CI facts of ${[
        ...new Set(
          other.filter(o => o.evidence.commit === sha).map(o => o.gate),
        ),
      ].join(', ')} describe commit ${sha}, not the requested ${requested}`,
  );
  return { commit, reasons };
}

function errorBudgetPart(
  slo: SloGateAnswer,
  change: ReleaseChangeType,
): {
  errorBudget: ReleaseGateResponse['errorBudget'];
  denials: string[];
  exceptions: ReleaseGateException[];
} {
  if (!slo.reachable) {
    return {
      errorBudget: { reachable: false, reasons: [], error: slo.error },
      denials: [
        `error-budget policy could not be checked, the gate fails closed: ${slo.error}`,
      ],
      exceptions: [],
    };
  }
  const exceptions: ReleaseGateException[] = [];
  const freeze = slo.freeze;
  if (freeze?.frozen && slo.decision === 'allow' && change !== 'normal') {
    exceptions.push({
      type: 'change-type',
      change,
      reason:
        slo.reasons.find(r => r.includes('exception')) ??
        `a ${change} change is an exception of the error-budget policy`,
    });
  }
  if (freeze?.override) {
    exceptions.push({ type: 'freeze-override', ...freeze.override });
  }
  return {
    errorBudget: {
      reachable: true,
      decision: slo.decision,
      reasons: slo.reasons,
      frozen: freeze?.frozen,
      slos: slo.slos,
    },
    denials:
      slo.decision === 'deny'
        ? [`error-budget policy denies a ${change} change`]
        : [],
    exceptions,
  };
}

/**
 * The stop-ship decision: deny when a critical gate of the scorecard fails,
 * is stale or unknown (waived gates pass and are listed), when the
 * error-budget policy denies the change type or cannot be asked, or when the
 * scorecard's CI facts describe another commit than the requested one.
 * Gates fed only by the error-budget fact are decided by the live SLO gate
 * (which knows the change type and its exceptions) instead.
 */
export function decideReleaseGate(options: {
  scorecard: EntityScorecard;
  policy: GatePolicy;
  slo: SloGateAnswer;
  change: ReleaseChangeType;
  commit?: string;
  now: number;
}): ReleaseGateResponse {
  const { scorecard, change } = options;
  const live = liveErrorBudgetGates(options.policy);
  const gates = scorecard.gates.filter(g => !live.has(g.gateId));
  const blocking = blockingGates(gates);
  const commit = commitCheck(gates, options.commit);
  const budget = errorBudgetPart(options.slo, change);
  const atRisk = gates
    .filter(
      g =>
        g.severity !== 'critical' &&
        (g.status === 'fail' || g.status === 'stale'),
    )
    .map(g => `not blocking: ${g.severity} gate ${g.gateId} is ${g.status}`);
  const waivers = scorecard.gates.flatMap(g => (g.waiver ? [g.waiver] : []));
  const denials = [
    ...blocking.map(b => b.reason),
    ...budget.denials,
    ...commit.reasons,
  ];
  const reasons = [
    ...denials,
    ...budget.errorBudget.reasons.map(r => `error budget: ${r}`),
    ...waivers.map(
      w =>
        `waiver applied to ${w.gateId} by ${w.approver} until ${w.expiresAt}: ${w.reason}`,
    ),
    ...budget.exceptions.map(e =>
      e.type === 'change-type'
        ? `exception applied: ${e.reason}`
        : `exception applied: freeze overridden by ${e.by} until ${e.expiresAt}: ${e.reason}`,
    ),
    ...atRisk,
  ];
  if (denials.length === 0) {
    reasons.unshift(
      `allowed: no critical gate blocks${
        options.commit ? ` and the CI facts describe ${options.commit}` : ''
      }, the error-budget policy allows a ${change} change`,
    );
  }
  return {
    entityRef: scorecard.entityRef,
    decision: denials.length === 0 ? 'allow' : 'deny',
    reasons,
    change,
    commit: commit.commit,
    scorecard: {
      verdict: scorecard.verdict,
      score: scorecard.score,
      evaluatedAt: scorecard.evaluatedAt,
      policyVersion: scorecard.policyVersion,
      blockingGates: blocking,
    },
    errorBudget: budget.errorBudget,
    waivers,
    exceptions: budget.exceptions,
    evaluatedAt: new Date(options.now).toISOString(),
  };
}

import type { GateResult } from '@gatekeeper/plugin-scorecards-common';
import { SEVERITY_RANK, STATUS_ORDER } from './statusStyles';

/**
 * Gates that need attention, most urgent first: failing critical gates,
 * then other failing gates by severity, then stale gates by severity.
 */
export function gatesNeedingAttention(gates: GateResult[]): GateResult[] {
  return gates
    .filter(g => g.status === 'fail' || g.status === 'stale')
    .sort(compareGates);
}

/** Orders gates by status urgency, then severity, then title. */
export function compareGates(a: GateResult, b: GateResult): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.title.localeCompare(b.title)
  );
}

/** One-line reason for the verdict, e.g. "Blocked by 2 failing critical gates". */
export function verdictReason(scorecard: {
  verdict: string;
  gates: GateResult[];
}): string | undefined {
  if (scorecard.verdict !== 'blocked') {
    return undefined;
  }
  const n = scorecard.gates.filter(
    g => g.severity === 'critical' && g.status === 'fail',
  ).length;
  if (n === 0) {
    return undefined;
  }
  return `Blocked by ${n} failing critical gate${n === 1 ? '' : 's'}`;
}

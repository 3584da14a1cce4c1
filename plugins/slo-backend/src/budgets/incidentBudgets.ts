import { Incident } from '@gatekeeper/plugin-slo-common';
import { badEventsBetween } from './sloMath';
import { EntityEvaluation } from './evaluateSlo';

/** Largest share (percent) of any SLO's window budget spent during each incident. */
export function incidentBudgets(
  evaluation: EntityEvaluation,
  incidents: Incident[],
): Map<string, number> {
  const out = new Map<string, number>();
  const atMs = evaluation.evaluatedAt.getTime();
  for (const incident of incidents) {
    const from = Date.parse(incident.startedAt);
    const to = incident.resolvedAt ? Date.parse(incident.resolvedAt) : atMs;
    let best: number | undefined;
    for (const { events, budgetTotal } of evaluation.slos) {
      // Only incidents overlapping the SLO window consumed its budget.
      if (budgetTotal <= 0 || to <= events.startMs) continue;
      const percent = (badEventsBetween(events, from, to) / budgetTotal) * 100;
      best = best === undefined ? percent : Math.max(best, percent);
    }
    if (best !== undefined) {
      out.set(incident.id, best);
    }
  }
  return out;
}

/** Start (ISO) of the longest SLO window of the evaluation. */
export function windowStart(evaluation: EntityEvaluation): string {
  const longest = Math.max(
    0,
    ...evaluation.slos.map(s => s.slo.timeWindow.durationSeconds),
  );
  return new Date(
    evaluation.evaluatedAt.getTime() - longest * 1000,
  ).toISOString();
}

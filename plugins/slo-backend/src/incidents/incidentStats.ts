import {
  EntityIncidentsResponse,
  Incident,
} from '@gatekeeper/plugin-slo-common';

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

/** The incidents of an entity with their budget share, MTTA and MTTR. */
export function incidentStats(
  items: Incident[],
  budgets: Map<string, number>,
): EntityIncidentsResponse {
  const withBudget = items.map(i =>
    budgets.has(i.id) ? { ...i, budgetConsumedPercent: budgets.get(i.id) } : i,
  );
  const acked = items.filter(i => i.acknowledgedAt);
  const resolved = items.filter(i => i.resolvedAt);
  const mtta = mean(
    acked.map(
      i => (Date.parse(i.acknowledgedAt!) - Date.parse(i.startedAt)) / 1000,
    ),
  );
  const mttr = mean(
    resolved.map(
      i => (Date.parse(i.resolvedAt!) - Date.parse(i.startedAt)) / 1000,
    ),
  );
  return {
    items: withBudget,
    stats: {
      count: items.length,
      open: items.filter(i => i.status !== 'resolved').length,
      ...(mtta !== undefined ? { mttaSeconds: mtta } : {}),
      ...(mttr !== undefined ? { mttrSeconds: mttr } : {}),
      budgetConsumedPercentByIncident: [...budgets].map(([id, percent]) => ({
        id,
        percent,
      })),
    },
  };
}

import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import { Incident } from '@gatekeeper/plugin-slo-common';
import { EntityEvaluation } from '../budgets/evaluateSlo';
import { StoredSloReport } from './SloReportStore';

/**
 * Hash of what an entity's SLO definitions are loaded from: its annotations
 * (inline OpenSLO, SLO file paths and the source location they resolve
 * against). A stored report of another fingerprint is not served.
 */
export function reportFingerprint(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const sorted = Object.keys(annotations)
    .sort()
    .map(k => [k, annotations[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** The stored form of an evaluation and the incident budgets computed from it. */
export function toStoredReport(options: {
  evaluation: EntityEvaluation;
  fingerprint: string;
  windowStart: string;
  incidents: Incident[];
  budgets: Map<string, number>;
  now: number;
}): StoredSloReport {
  const { evaluation, incidents, budgets, now } = options;
  const incidentBudgets: StoredSloReport['incidentBudgets'] = {};
  for (const incident of incidents) {
    const percent = budgets.get(incident.id);
    incidentBudgets[incident.id] = {
      ...(percent !== undefined ? { percent } : {}),
      startedAt: incident.startedAt,
      ...(incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {}),
    };
  }
  return {
    entityRef: evaluation.entityRef,
    fingerprint: options.fingerprint,
    slos: evaluation.slos.map(s => s.status),
    errors: evaluation.errors,
    windowStart: options.windowStart,
    incidentBudgets,
    computedAt: now,
    checkedAt: now,
  };
}

/**
 * True when a refresh found nothing new: same definitions, results and
 * incidents. (`windowStart` moves with the clock; the stored one stays
 * consistent with the stored incident list, so it is not compared.)
 */
export function sameStoredReport(a: StoredSloReport, b: StoredSloReport) {
  const content = (r: StoredSloReport) =>
    JSON.stringify([r.fingerprint, r.slos, r.errors, r.incidentBudgets]);
  return content(a) === content(b);
}

/**
 * Budget share per incident from the stored report, or undefined when an
 * incident was opened, resolved or moved since it was computed.
 */
export function storedIncidentPercents(
  stored: StoredSloReport,
  incidents: Incident[],
): Map<string, number> | undefined {
  const out = new Map<string, number>();
  if (incidents.length !== Object.keys(stored.incidentBudgets).length) {
    return undefined;
  }
  for (const incident of incidents) {
    const known = stored.incidentBudgets[incident.id];
    if (
      !known ||
      known.startedAt !== incident.startedAt ||
      known.resolvedAt !== incident.resolvedAt
    ) {
      return undefined;
    }
    if (known.percent !== undefined) out.set(incident.id, known.percent);
  }
  return out;
}

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { IncidentSeverity } from '@gatekeeper/plugin-slo-common';
import { InputError } from '@backstage/errors';
import { IncidentStore, NewIncident } from './IncidentStore';
import { Request } from '@backstage/backend-openapi-utils';
import { SloApiSpec } from '../schema/openApiRouter';
import { withinFutureSkew } from './dates';

/** Alertmanager webhook payload, version 4, as `openapi.yaml` defines (and the router validates) it. */
export type AlertmanagerPayload = Request<
  SloApiSpec,
  '/alertmanager/webhook',
  'post'
>;

/** Alertmanager's "zero" time, sent as endsAt while an alert is firing. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const SEVERITY_MAP: Record<string, IncidentSeverity> = {
  p0: 'P0',
  p1: 'P1',
  p2: 'P2',
  p3: 'P3',
  p4: 'P4',
  critical: 'P1',
  page: 'P1',
  high: 'P2',
  error: 'P2',
  warning: 'P3',
  ticket: 'P3',
  info: 'P4',
  low: 'P4',
};

/** Own property of a user-supplied record, never one inherited from Object.prototype. */
export function ownValue<T>(
  record: Record<string, T>,
  key: string,
): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

export function mapSeverity(value?: string): IncidentSeverity {
  return ownValue(SEVERITY_MAP, (value ?? '').toLowerCase()) ?? 'P3';
}

/** Entity ref from the first configured label present: a full ref, or a component name. */
export function entityRefFromLabels(
  labels: Record<string, string>,
  entityLabels: string[],
): string | undefined {
  for (const label of entityLabels) {
    const value = ownValue(labels, label)?.trim();
    if (!value) continue;
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      continue;
    }
  }
  return undefined;
}

export interface WebhookResult {
  created: number;
  resolved: number;
  unchanged: number;
  ignored: number;
  incidents: string[];
}

/** Columns the store bounds (entity_ref varchar 255). */
const MAX_ENTITY_REF = 255;

function hasNul(value: Record<string, string>): boolean {
  return Object.entries(value).some(
    ([k, v]) => k.includes('\u0000') || v.includes('\u0000'),
  );
}

/**
 * The incidents of a notification, or an InputError naming the first alert
 * that cannot be stored, so nothing is written for a bad payload.
 */
function planIncidents(
  options: {
    payload: AlertmanagerPayload;
    entityLabels: string[];
    severityLabel: string;
  },
  nowMs: number,
): Array<(NewIncident & { externalKey: string }) | undefined> {
  const { payload } = options;
  return payload.alerts.map((alert, i) => {
    const where = `alerts[${i}]`;
    const labels = { ...payload.commonLabels, ...alert.labels };
    const annotations = { ...payload.commonAnnotations, ...alert.annotations };
    if (hasNul(labels) || hasNul(annotations)) {
      throw new InputError(
        `${where}: labels and annotations must not contain NUL`,
      );
    }
    const entityRef = entityRefFromLabels(labels, options.entityLabels);
    if (!entityRef) return undefined;
    if (entityRef.length > MAX_ENTITY_REF) {
      throw new InputError(
        `${where}.labels: entity ref longer than ${MAX_ENTITY_REF}`,
      );
    }
    const starts = Date.parse(alert.startsAt);
    if (!withinFutureSkew(starts, nowMs)) {
      throw new InputError(`${where}.startsAt: lies in the future`);
    }
    const startedAt = new Date(starts).toISOString();
    let resolvedAt: string | undefined;
    if (alert.status === 'resolved') {
      const ends = Date.parse(alert.endsAt);
      if (alert.endsAt !== ZERO_TIME && !Number.isNaN(ends) && ends < starts) {
        throw new InputError(`${where}.endsAt: before startsAt`);
      }
      resolvedAt =
        alert.endsAt !== ZERO_TIME && !Number.isNaN(ends)
          ? new Date(ends).toISOString()
          : new Date(nowMs).toISOString();
    }
    const title =
      ownValue(annotations, 'summary') ??
      ownValue(annotations, 'title') ??
      ownValue(labels, 'alertname') ??
      'Alert';
    return {
      entityRef,
      title: title.slice(0, 500),
      description: ownValue(annotations, 'description')?.slice(0, 10_000),
      severity: mapSeverity(ownValue(labels, options.severityLabel)),
      source: 'alertmanager',
      startedAt,
      status: resolvedAt ? 'resolved' : 'triggered',
      resolvedAt,
      labels,
      externalKey: `alertmanager:${alert.fingerprint}:${startedAt}`,
    };
  });
}

/**
 * Applies an Alertmanager notification in one transaction (all alerts or
 * none): every alert becomes an incident keyed on fingerprint + startsAt
 * (repeated notifications are no-ops); resolved alerts resolve their incident
 * at `endsAt`. An alert that cannot be stored rejects the whole payload with
 * an InputError before anything is written.
 */
export async function applyAlertmanagerPayload(options: {
  payload: AlertmanagerPayload;
  store: IncidentStore;
  entityLabels: string[];
  severityLabel: string;
  now?: () => Date;
}): Promise<WebhookResult> {
  const now = options.now ?? (() => new Date());
  const planned = planIncidents(options, now().getTime());
  return options.store.transaction(async store => {
    const result: WebhookResult = {
      created: 0,
      resolved: 0,
      unchanged: 0,
      ignored: 0,
      incidents: [],
    };
    for (const next of planned) {
      if (!next) {
        result.ignored++;
        continue;
      }
      const { incident, created } = await store.createIncident(next);
      result.incidents.push(incident.id);
      if (created) {
        result.created++;
        if (next.resolvedAt) result.resolved++;
      } else if (next.resolvedAt && incident.status !== 'resolved') {
        await store.resolveIncident(incident.id, next.resolvedAt);
        result.resolved++;
      } else {
        result.unchanged++;
      }
    }
    return result;
  });
}

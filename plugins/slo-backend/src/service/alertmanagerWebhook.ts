import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { IncidentSeverity } from '@gatekeeper/plugin-slo-common';
import { z } from 'zod';
import { SloStore } from '../database/IncidentStore';

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be a date');

/** Alertmanager webhook payload, version 4. */
export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: z.record(z.string()).default({}),
  commonLabels: z.record(z.string()).default({}),
  commonAnnotations: z.record(z.string()).default({}),
  externalURL: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string()),
        annotations: z.record(z.string()).default({}),
        startsAt: isoDate,
        endsAt: z.string(),
        generatorURL: z.string().optional(),
        fingerprint: z.string().min(1),
      }),
    )
    .max(1000),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

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

export function mapSeverity(value?: string): IncidentSeverity {
  return SEVERITY_MAP[(value ?? '').toLowerCase()] ?? 'P3';
}

/** Entity ref from the first configured label present: a full ref, or a component name. */
export function entityRefFromLabels(
  labels: Record<string, string>,
  entityLabels: string[],
): string | undefined {
  for (const label of entityLabels) {
    const value = labels[label]?.trim();
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

/**
 * Applies an Alertmanager notification: every alert becomes an incident keyed
 * on fingerprint + startsAt (repeated notifications are no-ops); resolved
 * alerts resolve their incident at `endsAt`.
 */
export async function applyAlertmanagerPayload(options: {
  payload: AlertmanagerPayload;
  store: SloStore;
  entityLabels: string[];
  severityLabel: string;
  now?: () => Date;
}): Promise<WebhookResult> {
  const { payload, store } = options;
  const now = options.now ?? (() => new Date());
  const result: WebhookResult = {
    created: 0,
    resolved: 0,
    unchanged: 0,
    ignored: 0,
    incidents: [],
  };
  for (const alert of payload.alerts) {
    const labels = { ...payload.commonLabels, ...alert.labels };
    const entityRef = entityRefFromLabels(labels, options.entityLabels);
    if (!entityRef) {
      result.ignored++;
      continue;
    }
    const startedAt = new Date(alert.startsAt).toISOString();
    const externalKey = `alertmanager:${alert.fingerprint}:${startedAt}`;
    let resolvedAt: string | undefined;
    if (alert.status === 'resolved') {
      const ends = Date.parse(alert.endsAt);
      resolvedAt =
        alert.endsAt !== ZERO_TIME && !Number.isNaN(ends)
          ? new Date(ends).toISOString()
          : now().toISOString();
    }
    const annotations = { ...payload.commonAnnotations, ...alert.annotations };
    const { incident, created } = await store.createIncident({
      entityRef,
      title:
        annotations.summary ?? annotations.title ?? labels.alertname ?? 'Alert',
      description: annotations.description,
      severity: mapSeverity(labels[options.severityLabel]),
      source: 'alertmanager',
      startedAt,
      status: resolvedAt ? 'resolved' : 'triggered',
      resolvedAt,
      labels,
      externalKey,
    });
    result.incidents.push(incident.id);
    if (created) {
      result.created++;
      if (resolvedAt) result.resolved++;
    } else if (resolvedAt && incident.status !== 'resolved') {
      await store.resolveIncident(incident.id, resolvedAt);
      result.resolved++;
    } else {
      result.unchanged++;
    }
  }
  return result;
}

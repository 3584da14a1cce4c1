import { LoggerService } from '@backstage/backend-plugin-api';
import { IncidentSeverity } from '@gatekeeper/plugin-slo-common';
import { z } from 'zod';
import { IncidentStore } from './IncidentStore';

/** Annotation naming the PagerDuty service of an entity (same as the PagerDuty plugin's). */
export const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be a date');

/** The part of PagerDuty's `GET /incidents` response that is read. */
export const pagerDutyIncidentsSchema = z.object({
  incidents: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string().default('PagerDuty incident'),
      status: z.enum(['triggered', 'acknowledged', 'resolved']),
      created_at: isoDate,
      last_status_change_at: isoDate.optional(),
      urgency: z.string().optional(),
      html_url: z.string().optional(),
      incident_number: z.number().optional(),
      priority: z.object({ summary: z.string() }).nullable().optional(),
      acknowledgements: z.array(z.object({ at: isoDate })).optional(),
    }),
  ),
  more: z.boolean().optional(),
});

type PagerDutyIncident = z.infer<
  typeof pagerDutyIncidentsSchema
>['incidents'][number];

function severityOf(incident: PagerDutyIncident): IncidentSeverity {
  const priority = incident.priority?.summary?.toUpperCase();
  if (priority && /^P[0-4]$/.test(priority)) {
    return priority as IncidentSeverity;
  }
  return incident.urgency === 'high' ? 'P1' : 'P3';
}

export interface PagerDutySyncResult {
  created: number;
  updated: number;
  unchanged: number;
  failedServices: number;
}

/**
 * Pulls incidents of the entities' PagerDuty services created since `since`
 * and mirrors them as `source: 'pagerduty'` incidents, keyed on the PagerDuty
 * incident id; acknowledgements and resolutions are applied to existing ones.
 */
export async function syncPagerDuty(options: {
  store: IncidentStore;
  logger: LoggerService;
  baseUrl: string;
  token: string;
  entities: { entityRef: string; serviceId: string }[];
  since: Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<PagerDutySyncResult> {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const result: PagerDutySyncResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    failedServices: 0,
  };
  for (const { entityRef, serviceId } of options.entities) {
    try {
      for (let offset = 0, more = true; more; ) {
        const params = new URLSearchParams({
          'service_ids[]': serviceId,
          since: options.since.toISOString(),
          until: new Date().toISOString(),
          limit: '100',
          offset: String(offset),
          'include[]': 'acknowledgers',
        });
        const response = await doFetch(`${base}/incidents?${params}`, {
          headers: {
            Authorization: `Token token=${options.token}`,
            Accept: 'application/vnd.pagerduty+json;version=2',
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!response.ok) {
          throw new Error(`PagerDuty answered ${response.status}`);
        }
        const page = pagerDutyIncidentsSchema.parse(await response.json());
        for (const incident of page.incidents) {
          await applyIncident(options.store, entityRef, incident, result);
        }
        more = !!page.more && page.incidents.length > 0;
        offset += page.incidents.length;
      }
    } catch (error) {
      result.failedServices++;
      options.logger.warn(
        `PagerDuty sync failed for ${entityRef} (service ${serviceId})`,
        { entityRef, serviceId, error: (error as Error).message },
      );
    }
  }
  return result;
}

async function applyIncident(
  store: IncidentStore,
  entityRef: string,
  pd: PagerDutyIncident,
  result: PagerDutySyncResult,
) {
  const changedAt = new Date(
    pd.last_status_change_at ?? pd.created_at,
  ).toISOString();
  const acknowledgedAt = pd.acknowledgements?.length
    ? new Date(pd.acknowledgements[0].at).toISOString()
    : undefined;
  const { incident, created } = await store.createIncident({
    entityRef,
    title: pd.title,
    severity: severityOf(pd),
    source: 'pagerduty',
    startedAt: new Date(pd.created_at).toISOString(),
    status: pd.status,
    acknowledgedAt:
      pd.status === 'acknowledged'
        ? acknowledgedAt ?? changedAt
        : acknowledgedAt,
    resolvedAt: pd.status === 'resolved' ? changedAt : undefined,
    labels: {
      ...(pd.html_url ? { url: pd.html_url } : {}),
      ...(pd.incident_number !== undefined
        ? { number: String(pd.incident_number) }
        : {}),
    },
    externalKey: `pagerduty:${pd.id}`,
  });
  if (created) {
    result.created++;
    return;
  }
  let changed = false;
  if (pd.status !== 'triggered' && incident.status === 'triggered') {
    if (pd.status === 'acknowledged' || acknowledgedAt) {
      await store.acknowledgeIncident(incident.id, acknowledgedAt ?? changedAt);
      changed = true;
    }
  }
  if (pd.status === 'resolved' && incident.status !== 'resolved') {
    await store.resolveIncident(incident.id, changedAt);
    changed = true;
  }
  if (changed) {
    result.updated++;
  } else {
    result.unchanged++;
  }
}

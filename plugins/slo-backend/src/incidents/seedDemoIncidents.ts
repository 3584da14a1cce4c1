import { IncidentStore } from './IncidentStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Seeds a few incidents for the demo services so the demo shows incident
 * history, MTTA/MTTR, an open incident during checkout-web's fast burn and a
 * required postmortem on search-service. Idempotent (keys `demo:*`); only used
 * with the demo datasource.
 */
export async function seedDemoIncidents(
  store: IncidentStore,
  now = Date.now(),
) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const labels = { demo: 'true' };
  const seeds = [
    {
      key: 'demo:search-service:relevance',
      entityRef: 'component:default/search-service',
      title: 'Degraded search cluster after index migration',
      severity: 'P2' as const,
      startedAt: now - 13 * DAY,
      acknowledgedAt: now - 13 * DAY + 25 * 60_000,
      resolvedAt: now - 7 * DAY,
    },
    {
      key: 'demo:search-service:timeouts',
      entityRef: 'component:default/search-service',
      title: 'Search timeouts during traffic peak',
      severity: 'P1' as const,
      startedAt: now - 2 * DAY,
      acknowledgedAt: now - 2 * DAY + 4 * 60_000,
      resolvedAt: now - 2 * DAY + 2 * HOUR,
    },
    {
      key: 'demo:checkout-web:burn',
      entityRef: 'component:default/checkout-web',
      title: 'Checkout error rate above the 14.4x burn threshold',
      severity: 'P1' as const,
      startedAt: now - 80 * 60_000,
    },
    {
      key: 'demo:payments-service:latency',
      entityRef: 'component:default/payments-service',
      title: 'Card authorisation latency spike',
      severity: 'P3' as const,
      startedAt: now - 9 * DAY,
      acknowledgedAt: now - 9 * DAY + 9 * 60_000,
      resolvedAt: now - 9 * DAY + 45 * 60_000,
      postmortemUrl: 'https://example.com/postmortems/payments-latency',
    },
  ];
  for (const seed of seeds) {
    const { incident, created } = await store.createIncident({
      entityRef: seed.entityRef,
      title: seed.title,
      severity: seed.severity,
      source: 'manual',
      startedAt: iso(seed.startedAt),
      status: seed.resolvedAt ? 'resolved' : 'triggered',
      acknowledgedAt: seed.acknowledgedAt
        ? iso(seed.acknowledgedAt)
        : undefined,
      resolvedAt: seed.resolvedAt ? iso(seed.resolvedAt) : undefined,
      labels,
      externalKey: seed.key,
    });
    if (created && seed.postmortemUrl) {
      await store.setPostmortem(incident.id, seed.postmortemUrl);
    }
  }
}

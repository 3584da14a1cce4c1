import { Entity } from '@backstage/catalog-model';
import {
  BurnRateAlert,
  DeliveryMetric,
  DeliveryMetrics,
  DeliveryRollupResponse,
  EntityDeliveryMetricsResponse,
  EntityIncidentsResponse,
  EntitySloReport,
  Incident,
  SloStatus,
} from '@gatekeeper/plugin-slo-common';
import { SloApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'gatekeeper.dev/slo-file': 'slo/openslo.yaml' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** The four SRE workbook rules for a 30 day window. */
export function workbookAlerts(
  firing: Partial<Record<number, boolean>> = {},
): BurnRateAlert[] {
  const rules: Array<
    [BurnRateAlert['severity'], string, string, number, number]
  > = [
    ['page', '1h', '5m', 14.4, 2],
    ['page', '6h', '30m', 6, 5],
    ['ticket', '1d', '2h', 3, 10],
    ['ticket', '3d', '6h', 1, 10],
  ];
  return rules.map(([severity, longWindow, shortWindow, threshold, pct]) => ({
    severity,
    longWindow,
    shortWindow,
    burnRateThreshold: threshold,
    longBurnRate: firing[threshold] ? threshold * 1.5 : threshold / 4,
    shortBurnRate: firing[threshold] ? threshold * 2 : threshold / 5,
    firing: Boolean(firing[threshold]),
    budgetConsumptionPercent: pct,
  }));
}

export function makeSlo(overrides: Partial<SloStatus> = {}): SloStatus {
  const remainingPercent = overrides.errorBudget?.remainingPercent ?? 62.5;
  return {
    name: 'availability',
    displayName: 'Checkout availability',
    objective: 0.999,
    timeWindow: { duration: '30d', rolling: true },
    budgetingMethod: 'Occurrences',
    attainment: 0.99962,
    errorBudget: {
      total: 1000,
      consumed: 1000 - remainingPercent * 10,
      remaining: remainingPercent * 10,
      remainingPercent,
    },
    burnRateAlerts: workbookAlerts(),
    exhaustion: {
      burnRate: 2,
      timeToExhaustionSeconds: 3 * 86400 + 4 * 3600,
      exhaustsAt: '2026-11-28T00:00:00Z',
      forecastWindow: '1h',
    },
    series: [
      {
        t: '2026-11-20T00:00:00Z',
        remainingPercent: 100,
        attainment: 1,
        burnRate: 0,
      },
      {
        t: '2026-11-21T00:00:00Z',
        remainingPercent: 90,
        attainment: 0.9995,
        burnRate: 1,
      },
      {
        t: '2026-11-22T00:00:00Z',
        remainingPercent: 70,
        attainment: 0.9993,
        burnRate: 3,
      },
      {
        t: '2026-11-23T00:00:00Z',
        remainingPercent: 62.5,
        attainment: 0.99962,
        burnRate: 1.2,
      },
    ],
    ...overrides,
  };
}

export function makeReport(
  overrides: Partial<EntitySloReport> = {},
): EntitySloReport {
  return {
    entityRef: 'component:default/payments',
    slos: [makeSlo()],
    freeze: {
      frozen: false,
      reasons: [],
      exceptions: ['P0', 'security'],
      postmortemRequired: [],
    },
    errors: [],
    datasource: { name: 'prometheus', demo: false },
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    entityRef: 'component:default/payments',
    title: 'Checkout 5xx spike',
    severity: 'P1',
    status: 'resolved',
    source: 'alertmanager',
    startedAt: '2026-11-21T10:00:00Z',
    acknowledgedAt: '2026-11-21T10:12:00Z',
    resolvedAt: '2026-11-21T11:05:00Z',
    budgetConsumedPercent: 12.5,
    ...overrides,
  };
}

export function makeIncidents(): EntityIncidentsResponse {
  return {
    items: [
      makeIncident({
        postmortemUrl: 'https://docs.example.com/pm/inc-1',
      }),
      makeIncident({
        id: 'inc-2',
        title: 'Payment provider timeouts',
        severity: 'P0',
        status: 'triggered',
        startedAt: '2026-11-22T18:00:00Z',
        acknowledgedAt: undefined,
        resolvedAt: undefined,
        budgetConsumedPercent: undefined,
      }),
      makeIncident({
        id: 'inc-3',
        title: 'Slow refunds',
        severity: 'P3',
        status: 'acknowledged',
        source: 'manual',
        startedAt: '2026-11-22T06:00:00Z',
        acknowledgedAt: '2026-11-22T06:30:00Z',
        resolvedAt: undefined,
        budgetConsumedPercent: 24,
      }),
    ],
    stats: {
      count: 3,
      open: 2,
      mttaSeconds: 720,
      mttrSeconds: 3900,
      budgetConsumedPercentByIncident: [
        { id: 'inc-1', percent: 12.5 },
        { id: 'inc-2', percent: 3.25 },
        { id: 'inc-3', percent: 24 },
      ],
    },
  };
}

const metric = (
  unit: DeliveryMetric['unit'],
  value: number | undefined,
  samples: number,
  target?: number,
  met?: boolean,
): DeliveryMetric => ({
  unit,
  samples,
  ...(value !== undefined ? { value } : {}),
  ...(target !== undefined
    ? { target, ...(met !== undefined ? { met } : {}) }
    : {}),
});

export function makeDeliveryMetricsOnly(): DeliveryMetrics {
  return {
    deploymentFrequency: metric('per_week', 2.5, 5),
    leadTimeMedian: metric('minutes', 90, 4),
    leadTimeP90: metric('minutes', 1440, 4),
    changeFailureRate: metric('percent', 60, 5),
    mttr: metric('minutes', 82.5, 2, 60, false),
    rollbackTime: metric('minutes', 8, 2, 10, true),
  };
}

export function makeDeliveryMetrics(): EntityDeliveryMetricsResponse {
  return {
    entityRef: 'component:default/payments',
    window: {
      start: '2026-11-02T00:00:00.000Z',
      end: '2026-11-16T00:00:00.000Z',
    },
    metrics: makeDeliveryMetricsOnly(),
    trend: [
      {
        weekStart: '2026-11-02T00:00:00.000Z',
        deployments: 3,
        leadTimeMedianMinutes: 90,
        changeFailureRatePercent: 66.7,
        mttrMinutes: 45,
        rollbackMinutes: 8,
      },
      {
        weekStart: '2026-11-09T00:00:00.000Z',
        deployments: 2,
        leadTimeMedianMinutes: 735,
        changeFailureRatePercent: 50,
        mttrMinutes: 120,
      },
    ],
    demo: true,
  };
}

export function makeDeliveryRollup(
  by: DeliveryRollupResponse['by'],
): DeliveryRollupResponse {
  const { trend, window, metrics } = makeDeliveryMetrics();
  return {
    by,
    window,
    demo: false,
    items: [
      {
        key: `${by === 'owner' ? 'group' : by}:default/payments`,
        entities: ['component:default/payments'],
        metrics,
        trend,
      },
    ],
  };
}

export function mockSloApi(
  overrides: Partial<SloApi> = {},
): jest.Mocked<SloApi> {
  return {
    getEntitySlos: jest.fn(async () => makeReport()),
    getEntityIncidents: jest.fn(async () => makeIncidents()),
    getGateDecision: jest.fn(),
    getEntityDeliveryMetrics: jest.fn(async () => makeDeliveryMetrics()),
    getDeliveryRollup: jest.fn(async ({ by }) => makeDeliveryRollup(by)),
    acknowledgeIncident: jest.fn(async (id: string) =>
      makeIncident({ id, status: 'acknowledged' }),
    ),
    resolveIncident: jest.fn(async (id: string) =>
      makeIncident({ id, status: 'resolved' }),
    ),
    setPostmortem: jest.fn(async (id: string, url: string) =>
      makeIncident({ id, postmortemUrl: url }),
    ),
    createIncident: jest.fn(async request =>
      makeIncident({
        id: 'inc-new',
        status: 'triggered',
        source: 'manual',
        title: request.title,
        severity: request.severity,
      }),
    ),
    overrideFreeze: jest.fn(async (_ref, request) => ({
      by: 'user:default/sre',
      ...request,
    })),
    ...overrides,
  } as jest.Mocked<SloApi>;
}

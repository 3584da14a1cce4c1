import {
  DeploymentEvent,
  Incident,
  RollbackEvent,
} from '@gatekeeper/plugin-slo-common';
import {
  changeFailures,
  computeDeliveryMetrics,
  precedingDeployment,
} from './computeDeliveryMetrics';
import { median, percentile, weekStart, weeksOf } from './deliveryMath';

const A = 'component:default/a';
const B = 'component:default/b';

const dep = (
  id: string,
  finishedAt: string,
  commitAt: string,
  status: DeploymentEvent['status'] = 'succeeded',
): DeploymentEvent => ({
  id,
  entityRef: A,
  environment: 'production',
  commit: id,
  commitAt,
  startedAt: finishedAt,
  finishedAt,
  status,
  source: 'push',
});
const rb = (
  id: string,
  startedAt: string,
  finishedAt: string,
): RollbackEvent => ({
  id,
  entityRef: A,
  environment: 'production',
  startedAt,
  finishedAt,
});
const inc = (
  id: string,
  entityRef: string,
  startedAt: string,
  resolvedAt?: string,
): Incident => ({
  id,
  entityRef,
  title: id,
  severity: 'P2',
  status: resolvedAt ? 'resolved' : 'triggered',
  source: 'manual',
  startedAt,
  ...(resolvedAt ? { resolvedAt } : {}),
});

// Two ISO weeks, Monday 2 Nov to Monday 16 Nov 2026 (hand-computed below).
const d0 = dep('d0', '2026-10-30T10:00:00Z', '2026-10-30T09:00:00Z');
const d1 = dep('d1', '2026-11-02T10:00:00Z', '2026-11-02T08:00:00Z'); // lead 120
const d2 = dep('d2', '2026-11-03T10:00:00Z', '2026-11-03T09:00:00Z'); // lead 60, incident 1h later
const d3 = dep(
  'd3',
  '2026-11-05T10:00:00Z',
  '2026-11-05T07:00:00Z',
  'rolled_back',
);
const d4 = dep('d4', '2026-11-10T10:00:00Z', '2026-11-09T10:00:00Z'); // lead 1440, rolled back 10 min later
const d5 = dep('d5', '2026-11-11T10:00:00Z', '2026-11-11T09:30:00Z'); // lead 30, incident 10 h later
const i1 = inc('i1', A, '2026-11-03T11:00:00Z', '2026-11-03T11:45:00Z'); // 45 min
const i2 = inc('i2', A, '2026-11-11T20:00:00Z', '2026-11-11T22:00:00Z'); // 120 min
const iB = inc('iB', B, '2026-11-02T10:30:00Z');
const events = {
  deployments: [d5, d0, d3, d1, d4, d2],
  rollbacks: [
    rb('r1', '2026-11-05T10:30:00Z', '2026-11-05T10:38:00Z'), // 8 min
    rb('r2', '2026-11-10T10:10:00Z', '2026-11-10T10:25:00Z'), // 15 min
  ],
  incidents: [i1, i2, iB],
};
const range = {
  startMs: Date.parse('2026-11-02T00:00:00Z'),
  endMs: Date.parse('2026-11-16T00:00:00Z'),
};
const options = {
  targets: { mttrMinutes: 60, rollbackMinutes: 10 },
  failureWindowMinutes: 120,
};

describe('computeDeliveryMetrics', () => {
  it('computes the five metrics from hand-checked events', () => {
    const { metrics } = computeDeliveryMetrics(events, range, options);
    expect(metrics).toEqual({
      // 5 deployments in 2 weeks
      deploymentFrequency: { unit: 'per_week', value: 2.5, samples: 5 },
      // succeeded with commitAt: 30, 60, 120, 1440 -> median 90, p90 1440
      leadTimeMedian: { unit: 'minutes', value: 90, samples: 4 },
      leadTimeP90: { unit: 'minutes', value: 1440, samples: 4 },
      // d2 (incident), d3 (rolled back), d4 (rollback) of 5
      changeFailureRate: { unit: 'percent', value: 60, samples: 5 },
      // 45 and 120 min -> 82.5 > 60
      mttr: {
        unit: 'minutes',
        value: 82.5,
        samples: 2,
        target: 60,
        met: false,
      },
      // 8 and 15 min, p90 15 > 10
      rollbackTime: {
        unit: 'minutes',
        value: 15,
        samples: 2,
        target: 10,
        met: false,
      },
    });
  });

  it('buckets the figures per ISO week', () => {
    const { trend } = computeDeliveryMetrics(events, range, options);
    expect(trend).toEqual([
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
        rollbackMinutes: 15,
      },
    ]);
  });

  it('marks targets met, and shows no value without data', () => {
    const { metrics, trend } = computeDeliveryMetrics(
      { deployments: [], rollbacks: [], incidents: [] },
      range,
      {
        targets: {
          mttrMinutes: 60,
          rollbackMinutes: 10,
          deploymentsPerWeek: 1,
          leadTimeMinutes: 1440,
          changeFailureRatePercent: 15,
        },
        failureWindowMinutes: 60,
      },
    );
    expect(metrics.deploymentFrequency).toEqual({
      unit: 'per_week',
      value: 0,
      samples: 0,
      target: 1,
      met: false,
    });
    expect(metrics.changeFailureRate).toEqual({
      unit: 'percent',
      samples: 0,
      target: 15,
    });
    expect(trend.map(t => t.deployments)).toEqual([0, 0]);
    const good = computeDeliveryMetrics(events, range, {
      targets: {
        mttrMinutes: 90,
        rollbackMinutes: 20,
        deploymentsPerWeek: 2,
        leadTimeMinutes: 90,
        changeFailureRatePercent: 60,
      },
      failureWindowMinutes: 120,
    }).metrics;
    expect(
      Object.values(good)
        .filter(m => m.target !== undefined)
        .map(m => m.met),
    ).toEqual([true, true, true, true, true]);
  });

  it('counts incidents only within the failure window and before the next deployment', () => {
    const failures = changeFailures(events, 120);
    expect([...failures].map(d => d.id).sort()).toEqual(['d2', 'd3', 'd4']);
    // a 12-hour window also catches i2 after d5
    expect([...changeFailures(events, 720)].map(d => d.id).sort()).toEqual([
      'd2',
      'd3',
      'd4',
      'd5',
    ]);
  });

  it('links an incident to the deployment that preceded it', () => {
    expect(precedingDeployment(i1, events.deployments)?.id).toBe('d2');
    expect(precedingDeployment(i2, events.deployments)?.id).toBe('d5');
    expect(precedingDeployment(iB, events.deployments)).toBeUndefined();
  });
});

describe('deliveryMath', () => {
  it('median, nearest-rank percentile and ISO weeks', () => {
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 50)).toBeUndefined();
    // Sunday 8 Nov 2026 belongs to the week of Monday 2 Nov
    expect(
      new Date(weekStart(Date.parse('2026-11-08T23:59:00Z'))).toISOString(),
    ).toBe('2026-11-02T00:00:00.000Z');
    expect(
      weeksOf(
        Date.parse('2026-11-04T12:00:00Z'),
        Date.parse('2026-11-10T00:00:00Z'),
      ),
    ).toEqual([
      {
        weekStart: Date.parse('2026-11-02T00:00:00Z'),
        startMs: Date.parse('2026-11-04T12:00:00Z'),
        endMs: Date.parse('2026-11-09T00:00:00Z'),
      },
      {
        weekStart: Date.parse('2026-11-09T00:00:00Z'),
        startMs: Date.parse('2026-11-09T00:00:00Z'),
        endMs: Date.parse('2026-11-10T00:00:00Z'),
      },
    ]);
  });
});

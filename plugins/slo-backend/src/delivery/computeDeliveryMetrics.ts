import {
  DeliveryMetric,
  DeliveryMetrics,
  DeliveryTrendBucket,
  DeploymentEvent,
  Incident,
  RollbackEvent,
} from '@gatekeeper/plugin-slo-common';
import {
  median,
  MINUTE_MS,
  percentile,
  round,
  WEEK_MS,
  weeksOf,
} from './deliveryMath';

/** Targets of the metrics; the optional ones show no met/not met without a value. */
export interface DeliveryTargets {
  /** MTTR target (median), minutes. */
  mttrMinutes: number;
  /** Rollback time target (90th percentile), minutes. */
  rollbackMinutes: number;
  deploymentsPerWeek?: number;
  /** Lead time target (median), minutes. */
  leadTimeMinutes?: number;
  changeFailureRatePercent?: number;
}

/** The events of one entity or of a group of entities (one environment). */
export interface DeliveryEvents {
  deployments: DeploymentEvent[];
  rollbacks: RollbackEvent[];
  incidents: Incident[];
}

export interface DeliveryMetricsOptions {
  targets: DeliveryTargets;
  /** A rollback or incident this long after a deployment makes it a change failure. */
  failureWindowMinutes: number;
}

const ms = (iso: string) => Date.parse(iso);
const inRange = (t: number, startMs: number, endMs: number) =>
  t >= startMs && t < endMs;

function metric(
  unit: DeliveryMetric['unit'],
  value: number | undefined,
  samples: number,
  target: number | undefined,
  better: 'higher' | 'lower',
): DeliveryMetric {
  let met: boolean | undefined;
  if (value !== undefined && target !== undefined) {
    met = better === 'higher' ? value >= target : value <= target;
  }
  return {
    unit,
    samples,
    ...(value !== undefined ? { value } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(met !== undefined ? { met } : {}),
  };
}

/** Deployments per entity, ordered by finish time. */
function byEntity(deployments: DeploymentEvent[]) {
  const map = new Map<string, DeploymentEvent[]>();
  for (const d of deployments) {
    map.set(d.entityRef, [...(map.get(d.entityRef) ?? []), d]);
  }
  for (const list of map.values()) {
    list.sort((a, b) => ms(a.finishedAt) - ms(b.finishedAt));
  }
  return map;
}

/**
 * The deployments that are change failures: not succeeded, or followed (on
 * the same entity, before its next deployment and within the failure
 * window) by a rollback or by the start of an incident.
 */
export function changeFailures(
  events: DeliveryEvents,
  failureWindowMinutes: number,
): Set<DeploymentEvent> {
  const failed = new Set<DeploymentEvent>();
  for (const list of byEntity(events.deployments).values()) {
    list.forEach((d, i) => {
      const from = ms(d.finishedAt);
      const next = list[i + 1] ? ms(list[i + 1].finishedAt) : Infinity;
      const until = Math.min(from + failureWindowMinutes * MINUTE_MS, next);
      const follows = (entityRef: string, at: string) =>
        entityRef === d.entityRef && inRange(ms(at), from, until);
      if (
        d.status !== 'succeeded' ||
        events.rollbacks.some(
          r =>
            r.environment === d.environment &&
            follows(r.entityRef, r.startedAt),
        ) ||
        events.incidents.some(inc => follows(inc.entityRef, inc.startedAt))
      ) {
        failed.add(d);
      }
    });
  }
  return failed;
}

/** The latest deployment of the incident's entity finished before it started. */
export function precedingDeployment(
  incident: Incident,
  deployments: DeploymentEvent[],
): DeploymentEvent | undefined {
  const started = ms(incident.startedAt);
  let best: DeploymentEvent | undefined;
  for (const d of deployments) {
    if (d.entityRef !== incident.entityRef || ms(d.finishedAt) > started) {
      continue;
    }
    if (!best || ms(d.finishedAt) > ms(best.finishedAt)) best = d;
  }
  return best;
}

interface RangeFigures {
  deployments: number;
  leadTimes: number[];
  failures: number;
  repairs: number[];
  rollbacks: number[];
}

/** The raw figures of the events in [startMs, endMs). */
function figuresIn(
  events: DeliveryEvents,
  failures: Set<DeploymentEvent>,
  startMs: number,
  endMs: number,
): RangeFigures {
  const deployments = events.deployments.filter(d =>
    inRange(ms(d.finishedAt), startMs, endMs),
  );
  const minutes = (from: string, to: string) => (ms(to) - ms(from)) / MINUTE_MS;
  return {
    deployments: deployments.length,
    leadTimes: deployments
      .filter(d => d.status === 'succeeded' && d.commitAt)
      .map(d => minutes(d.commitAt!, d.finishedAt)),
    failures: deployments.filter(d => failures.has(d)).length,
    repairs: events.incidents
      .filter(i => i.resolvedAt && inRange(ms(i.startedAt), startMs, endMs))
      .map(i => minutes(i.startedAt, i.resolvedAt!)),
    rollbacks: events.rollbacks
      .filter(r => inRange(ms(r.startedAt), startMs, endMs))
      .map(r => minutes(r.startedAt, r.finishedAt)),
  };
}

const rate = (f: RangeFigures) =>
  f.deployments ? (f.failures / f.deployments) * 100 : undefined;

/** The figures per ISO week of the range. */
function weeklyTrend(
  events: DeliveryEvents,
  failures: Set<DeploymentEvent>,
  range: { startMs: number; endMs: number },
): DeliveryTrendBucket[] {
  return weeksOf(range.startMs, range.endMs).map(w => {
    const wf = figuresIn(events, failures, w.startMs, w.endMs);
    const opt = <K extends string>(key: K, v: number | undefined) =>
      (v === undefined ? {} : { [key]: round(v) }) as Partial<
        Record<K, number>
      >;
    return {
      weekStart: new Date(w.weekStart).toISOString(),
      deployments: wf.deployments,
      ...opt('leadTimeMedianMinutes', median(wf.leadTimes)),
      ...opt('changeFailureRatePercent', rate(wf)),
      ...opt('mttrMinutes', median(wf.repairs)),
      ...opt('rollbackMinutes', percentile(wf.rollbacks, 90)),
    };
  });
}

/** The five metrics over [startMs, endMs) and their weekly trend. */
export function computeDeliveryMetrics(
  events: DeliveryEvents,
  range: { startMs: number; endMs: number },
  options: DeliveryMetricsOptions,
): { metrics: DeliveryMetrics; trend: DeliveryTrendBucket[] } {
  const { targets } = options;
  const failures = changeFailures(events, options.failureWindowMinutes);
  const f = figuresIn(events, failures, range.startMs, range.endMs);
  const weeks = (range.endMs - range.startMs) / WEEK_MS;
  const metrics: DeliveryMetrics = {
    deploymentFrequency: metric(
      'per_week',
      weeks > 0 ? round(f.deployments / weeks, 2) : undefined,
      f.deployments,
      targets.deploymentsPerWeek,
      'higher',
    ),
    leadTimeMedian: metric(
      'minutes',
      round(median(f.leadTimes)),
      f.leadTimes.length,
      targets.leadTimeMinutes,
      'lower',
    ),
    leadTimeP90: metric(
      'minutes',
      round(percentile(f.leadTimes, 90)),
      f.leadTimes.length,
      undefined,
      'lower',
    ),
    changeFailureRate: metric(
      'percent',
      round(rate(f)),
      f.deployments,
      targets.changeFailureRatePercent,
      'lower',
    ),
    mttr: metric(
      'minutes',
      round(median(f.repairs)),
      f.repairs.length,
      targets.mttrMinutes,
      'lower',
    ),
    rollbackTime: metric(
      'minutes',
      round(percentile(f.rollbacks, 90)),
      f.rollbacks.length,
      targets.rollbackMinutes,
      'lower',
    ),
  };
  return { metrics, trend: weeklyTrend(events, failures, range) };
}

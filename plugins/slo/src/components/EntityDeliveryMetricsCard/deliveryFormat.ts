import {
  DeliveryMetric,
  DeliveryMetrics,
  DeliveryTrendBucket,
} from '@gatekeeper/plugin-slo-common';

/** Minutes as `45 min`, `2 h 5 min` or `3 d 4 h`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const total = Math.round(minutes);
  if (total < 24 * 60) {
    const m = total % 60;
    return `${Math.floor(total / 60)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((total % (24 * 60)) / 60);
  return `${Math.floor(total / (24 * 60))} d${h ? ` ${h} h` : ''}`;
}

/** A metric value with its unit, or `no data`. */
export function formatValue(
  metric: Pick<DeliveryMetric, 'unit'>,
  value: number | undefined,
): string {
  if (value === undefined) return 'no data';
  switch (metric.unit) {
    case 'per_week':
      return `${value} / week`;
    case 'percent':
      return `${value} %`;
    default:
      return formatMinutes(value);
  }
}

/** The target as text (`target ≤ 1 h`), or undefined without one. */
export function formatTarget(
  metric: DeliveryMetric,
  better: 'higher' | 'lower',
): string | undefined {
  if (metric.target === undefined) return undefined;
  return `target ${better === 'higher' ? '≥' : '≤'} ${formatValue(
    metric,
    metric.target,
  )}`;
}

/** One row of the card: which metric, its trend series and which way is better. */
export interface DeliveryMetricRow {
  key: keyof DeliveryMetrics;
  label: string;
  better: 'higher' | 'lower';
  trend: (b: DeliveryTrendBucket) => number | undefined;
}

/** The five metrics of the plan in display order. */
export const DELIVERY_ROWS: DeliveryMetricRow[] = [
  {
    key: 'deploymentFrequency',
    label: 'Deployment frequency',
    better: 'higher',
    trend: b => b.deployments,
  },
  {
    key: 'leadTimeMedian',
    label: 'Lead time for changes (median)',
    better: 'lower',
    trend: b => b.leadTimeMedianMinutes,
  },
  {
    key: 'changeFailureRate',
    label: 'Change failure rate',
    better: 'lower',
    trend: b => b.changeFailureRatePercent,
  },
  {
    key: 'mttr',
    label: 'Time to restore (MTTR, median)',
    better: 'lower',
    trend: b => b.mttrMinutes,
  },
  {
    key: 'rollbackTime',
    label: 'Rollback time (p90)',
    better: 'lower',
    trend: b => b.rollbackMinutes,
  },
];

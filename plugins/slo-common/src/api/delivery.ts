/** Delivery metrics (DORA) of the plan's success metrics, from reported deployment events. */

/** @public */
export type DeploymentStatus = 'succeeded' | 'failed' | 'rolled_back';

/**
 * A deployment the release workflow (or an SCM) reported.
 *
 * @public
 */
export interface DeploymentEvent {
  /** Unique per event: a replayed event is stored once. */
  id: string;
  entityRef: string;
  environment: string;
  commit: string;
  /** Time of the first commit of the change (start of the lead time). */
  commitAt?: string;
  startedAt: string;
  finishedAt: string;
  status: DeploymentStatus;
  runUrl?: string;
  version?: string;
  /** `push` (release workflow) or `scm` (e.g. GitHub deployments). */
  source: 'push' | 'scm';
}

/**
 * A rollback the release workflow reported.
 *
 * @public
 */
export interface RollbackEvent {
  id: string;
  entityRef: string;
  environment: string;
  fromVersion?: string;
  toVersion?: string;
  startedAt: string;
  finishedAt: string;
  runUrl?: string;
}

/**
 * One metric with its target where one exists; `met` is undefined without
 * data or without a target.
 *
 * @public
 */
export interface DeliveryMetric {
  value?: number;
  unit: 'per_week' | 'minutes' | 'percent';
  target?: number;
  met?: boolean;
  /** Sample count the value is computed from. */
  samples: number;
}

/** @public */
export interface DeliveryMetrics {
  deploymentFrequency: DeliveryMetric;
  leadTimeMedian: DeliveryMetric;
  leadTimeP90: DeliveryMetric;
  changeFailureRate: DeliveryMetric;
  mttr: DeliveryMetric;
  rollbackTime: DeliveryMetric;
}

/** @public */
export interface DeliveryTrendBucket {
  /** Monday 00:00 UTC of the ISO week. */
  weekStart: string;
  deployments: number;
  leadTimeMedianMinutes?: number;
  changeFailureRatePercent?: number;
  mttrMinutes?: number;
  rollbackMinutes?: number;
}

/**
 * `GET /metrics/entity/:kind/:namespace/:name?window=30d`
 *
 * @public
 */
export interface EntityDeliveryMetricsResponse {
  entityRef: string;
  window: { start: string; end: string };
  metrics: DeliveryMetrics;
  trend: DeliveryTrendBucket[];
  /** True when the figures come from seeded demo events. */
  demo: boolean;
}

/** @public */
export interface DeliveryRollupRow {
  /** Owner, system or domain entity ref. */
  key: string;
  entities: string[];
  metrics: DeliveryMetrics;
  trend: DeliveryTrendBucket[];
}

/**
 * `GET /metrics/rollup?by=owner|system|domain&window=30d`
 *
 * @public
 */
export interface DeliveryRollupResponse {
  by: 'owner' | 'system' | 'domain';
  window: { start: string; end: string };
  items: DeliveryRollupRow[];
  demo: boolean;
}

/**
 * `POST /deployments` response.
 *
 * @public
 */
export interface DeploymentPushResponse {
  /** Events newly stored. */
  stored: number;
  /** Events already stored (replays). */
  duplicates: number;
}

/*
 * The OpenSLO documents as the schemas in ./schema.ts return them. Declared
 * as interfaces rather than `z.infer` so the declarations (and the API
 * report) name their members in source order: the inferred types' member
 * order depends on the order the compiler happens to create the key literal
 * types, which differs between a clean build and an incremental one.
 */

/** `metadata` of an OpenSLO document; other fields are kept. @public */
export interface OpenSloMetadata {
  name: string;
  displayName?: string;
  labels?: Record<string, unknown> | null;
  annotations?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/**
 * `metricSource` of an OpenSLO metric; only `spec.query` is read. `type` may
 * be omitted when `metricSourceRef` names a `DataSource`.
 * @public
 */
export interface OpenSloMetricSource {
  metricSourceRef?: string;
  type?: string;
  spec: { query: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A metric of an SLI (`good`, `bad`, `total`, `raw`, `thresholdMetric`). @public */
export interface OpenSloMetric {
  metricSource: OpenSloMetricSource;
}

/** `ratioMetric` of an SLI. @public */
export interface OpenSloRatioMetric {
  /** Defaults to true: the queries return cumulative counters. */
  counter: boolean;
  good?: OpenSloMetric;
  bad?: OpenSloMetric;
  total?: OpenSloMetric;
  raw?: OpenSloMetric;
  rawType?: 'success' | 'failure';
}

/** `spec` of a `kind: SLI` document (or of an inline indicator). @public */
export interface OpenSloSliSpec {
  description?: string;
  ratioMetric?: OpenSloRatioMetric;
  thresholdMetric?: OpenSloMetric;
  [key: string]: unknown;
}

/** `kind: SLI` document. @public */
export interface OpenSloSli {
  apiVersion: 'openslo/v1';
  kind: 'SLI';
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

/** `kind: DataSource` document; `spec.type` names the metric source type. @public */
export interface OpenSloDataSource {
  apiVersion: 'openslo/v1';
  kind: 'DataSource';
  metadata: OpenSloMetadata;
  spec: { type: string; description?: string; [key: string]: unknown };
}

/** `kind: AlertPolicy` / `AlertCondition` / `AlertNotificationTarget` document. @public */
export interface OpenSloAlertDoc {
  apiVersion: 'openslo/v1';
  kind: 'AlertPolicy' | 'AlertCondition' | 'AlertNotificationTarget';
  metadata: OpenSloMetadata;
  spec: Record<string, unknown>;
}

/** One `timeWindow` entry of an SLO. @public */
export interface OpenSloTimeWindow {
  duration: string;
  isRolling?: boolean;
  calendar?: { startTime: string; timeZone: string };
}

/** One entry of an SLO's `objectives`. @public */
export interface OpenSloObjective {
  displayName?: string;
  name?: string;
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  /** A duration string or a number of seconds. */
  timeSliceWindow?: string | number;
  op?: 'lt' | 'lte' | 'gt' | 'gte';
  value?: number;
  indicator?: unknown;
  indicatorRef?: unknown;
  [key: string]: unknown;
}

/** An inline alert policy or an `alertPolicyRef` (not evaluated). @public */
export type OpenSloAlertPolicyEntry =
  | { alertPolicyRef: string; [key: string]: unknown }
  | { kind: 'AlertPolicy'; metadata: OpenSloMetadata; [key: string]: unknown };

/** `spec` of a `kind: SLO` document. @public */
export interface OpenSloSloSpec {
  description?: string;
  service: string;
  indicator?: { metadata?: OpenSloMetadata; spec: OpenSloSliSpec };
  indicatorRef?: string;
  timeWindow: OpenSloTimeWindow[];
  budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  objectives: OpenSloObjective[];
  alertPolicies?: OpenSloAlertPolicyEntry[] | null;
  [key: string]: unknown;
}

/** `kind: SLO` document (OpenSLO v1). @public */
export interface OpenSloSlo {
  apiVersion: 'openslo/v1';
  kind: 'SLO';
  metadata: OpenSloMetadata;
  spec: OpenSloSloSpec;
}

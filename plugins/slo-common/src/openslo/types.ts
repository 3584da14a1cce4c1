import { SloBudgetingMethod } from '../api/types';

/**
 * A query against a metric source.
 *
 * @public
 */
export interface SliQuery {
  /** `metricSource.type`, e.g. `Prometheus`. */
  sourceType: string;
  query: string;
}

/**
 * One OpenSLO objective flattened into everything needed to evaluate it.
 *
 * @public
 */
export interface ResolvedSlo {
  /** Unique per entity: SLO metadata.name, plus `/<objective>` when it has several. */
  name: string;
  sloName: string;
  displayName?: string;
  description?: string;
  service: string;
  target: number;
  timeWindow: {
    duration: string;
    durationSeconds: number;
    rolling: boolean;
    calendar?: { startTime: string; timeZone: string };
  };
  budgetingMethod: SloBudgetingMethod;
  timeSliceTarget?: number;
  timeSliceWindowSeconds?: number;
  indicator: {
    /**
     * `ratio` (default): good or bad over total events. `raw`: `total` is a
     * query returning the ratio itself (`rawType` says whether it is the good
     * or the bad ratio). `threshold`: `total` is a gauge (e.g. p99 latency)
     * compared with `threshold` at every step; each step is one event.
     */
    kind?: 'ratio' | 'raw' | 'threshold';
    rawType?: 'success' | 'failure';
    /** The objective's `op`/`value` (threshold indicators). */
    threshold?: { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number };
    /** true: queries return cumulative counters; false: per-second rates. */
    counter: boolean;
    good?: SliQuery;
    bad?: SliQuery;
    total: SliQuery;
  };
}

/** @public */
export interface OpenSloParseError {
  /** The SLO (or objective) the problem belongs to, when known. */
  slo?: string;
  /** The file (or annotation) the SLO was read from. */
  file?: string;
  /** Path of the offending field inside the document, e.g. `spec.timeWindow.0.duration`. */
  path?: string;
  message: string;
}

/** @public */
export interface OpenSloParseResult {
  slos: ResolvedSlo[];
  errors: OpenSloParseError[];
}

import { SloBudgetingMethod } from '../api/types';

/** A query against a metric source. */
export interface SliQuery {
  /** `metricSource.type`, e.g. `Prometheus`. */
  sourceType: string;
  query: string;
}

/** One OpenSLO objective flattened into everything needed to evaluate it. */
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
    /** true: queries return cumulative counters; false: per-second rates. */
    counter: boolean;
    good?: SliQuery;
    bad?: SliQuery;
    total: SliQuery;
  };
}

export interface OpenSloParseError {
  slo?: string;
  message: string;
}

export interface OpenSloParseResult {
  slos: ResolvedSlo[];
  errors: OpenSloParseError[];
}

import { SloReportError, SloStatus } from '@gatekeeper/plugin-slo-common';

/** An entity's SLO report as the scheduled refresh computed it. */
export interface StoredSloReport {
  entityRef: string;
  /** Hash of the entity's annotations the report was computed for. */
  fingerprint: string;
  slos: SloStatus[];
  errors: SloReportError[];
  /** Start (ISO) of the longest SLO window: incidents since then count. */
  windowStart: string;
  /** Budget share of every incident in the window at computation time. */
  incidentBudgets: Record<
    string,
    { percent?: number; startedAt: string; resolvedAt?: string }
  >;
  /** When the report last changed (epoch ms). */
  computedAt: number;
  /** When a refresh last confirmed it (epoch ms). */
  checkedAt: number;
}

/** Persistence of stored SLO reports (table `slo_reports`). */
export interface SloReportStore {
  get(entityRef: string): Promise<StoredSloReport | undefined>;
  put(report: StoredSloReport): Promise<void>;
  /** Marks the reports of `entityRefs` as confirmed by a refresh at `checkedAt`. */
  touch(entityRefs: string[], checkedAt: number): Promise<void>;
}

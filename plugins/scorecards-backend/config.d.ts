import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the scorecards backend. */
  scorecards?: {
    /**
     * When facts are re-collected and every entity re-evaluated. Safe across
     * replicas (SchedulerService). Default: every 30 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Waivers file (YAML: a list or `waivers:` list of
     * `{ entityRef, gate, reason, approver, expires }`), relative to the
     * backend's working directory. Re-read when it changes.
     */
    waiversFile?: string;
    /**
     * Facts loaded at start-up (demo / bootstrap), relative to the backend's
     * working directory. Only facts that are absent or were seeded before are
     * written, so real pushed facts are never overwritten.
     */
    seedFactsFile?: string;
    /** Entity kinds that get a scorecard. Default: ['Component']. */
    kinds?: string[];
    /** Entities evaluated in parallel by the scheduled refresh. Default: 4. */
    concurrency?: number;
    /** Idempotency-Key records of POST /facts (per caller). */
    idempotency?: {
      /** Hours a response is replayed; expired keys are removed hourly. Default: 24. */
      ttlHours?: number;
    };
  };
}

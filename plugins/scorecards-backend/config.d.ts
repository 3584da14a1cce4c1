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
    /** Entity kinds that get a scorecard. Default: DEFAULT_SCORED_KINDS of @gatekeeper/plugin-scorecards-common (Component). */
    kinds?: string[];
    /** Entities evaluated in parallel by the scheduled refresh. Default: 4. */
    concurrency?: number;
    /**
     * false: every scheduled refresh reads every repository in full and
     * re-evaluates every entity, as a cold refresh does. Default: true
     * (unchanged entities are skipped).
     */
    incremental?: boolean;
    /** The fact provider asking the SLO backend's release gate per entity. */
    sloBackend?: {
      /** false when no SLO backend is installed: the provider is not run. Default: true. */
      enabled?: boolean;
    };
    /**
     * Per-caller token-bucket limit of every write (POST) route, in memory
     * per backend instance; answers 429 with Retry-After.
     */
    rateLimit?: {
      /** Sustained writes per minute per caller (user or service). Default: 600. */
      writesPerMinute?: number;
      /** Bucket capacity per caller. Default: writesPerMinute. */
      burst?: number;
      /** Requests per minute per client IP that fail authentication (own bucket). Default: 60. */
      failedAuthPerMinute?: number;
      /** Bucket capacity per client IP for failed authentication. Default: failedAuthPerMinute. */
      failedAuthBurst?: number;
    };
    /** Idempotency-Key records of POST /facts (per caller). */
    idempotency?: {
      /** Hours a response is replayed; expired keys are removed hourly. Default: 24. */
      ttlHours?: number;
    };
  };
}

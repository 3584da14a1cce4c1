export interface Config {
  /** Gatekeeper SLO backend. */
  slo?: {
    /**
     * Name of the datasource SLI events are read from: `demo` (synthetic,
     * deterministic data, labelled demo in the UI; the default), `prometheus`,
     * or the name of a datasource added through `sloDatasourcesExtensionPoint`.
     */
    datasource?: string;
    /** Bucket size of SLI data in seconds; default: window / 10,000 rounded up to whole minutes. */
    stepSeconds?: number;
    /** Window of the burn rate used for the time-to-exhaustion forecast (default `1h`). */
    forecastWindow?: string;
    /** Seconds a computed report is reused (default 30; 0 disables). */
    cacheTtlSeconds?: number;
    /**
     * The scheduled refresh: computes every entity's SLO report (fetching
     * only new buckets, the settled ones are cached in the database) and
     * stores it; `GET /entities/.../slos` serves the stored report.
     */
    refresh?: {
      /** Default true; false computes every report on request. */
      enabled?: boolean;
      /** Default 60. */
      frequencySeconds?: number;
      /** A stored report not confirmed for this long is recomputed on read (default max(600, 5 x frequency)). */
      maxAgeSeconds?: number;
      /** Entities refreshed at once (default 4). */
      concurrency?: number;
      /** Buckets ending less than this many seconds before now are refetched (default 120). */
      settleSeconds?: number;
    };
    prometheus?: {
      /** e.g. http://prometheus:9090 */
      baseUrl: string;
      /**
       * Value of the Authorization header sent to Prometheus, e.g. `Bearer ...`.
       * @visibility secret
       */
      authorization?: string;
      /** Timeout per attempt in ms (default 10000). */
      timeoutMs?: number;
      /** Retries on 5xx and network errors (default 3). */
      retries?: number;
      /** Base backoff in ms; full jitter (default 200). */
      retryBaseDelayMs?: number;
      circuitBreaker?: {
        /** Consecutive failures that open the breaker (default 5). */
        failureThreshold?: number;
        /** Milliseconds before a half-open trial (default 30000). */
        cooldownMs?: number;
      };
    };
    alertmanager?: {
      /**
       * Shared bearer token Alertmanager sends (`http_config.authorization`).
       * Without it the webhook is disabled (401).
       * @visibility secret
       */
      webhookToken?: string;
      /** Alert labels mapped to entities, first match wins (default `backstage_entity`, `service`). */
      entityLabels?: string[];
      /** Label holding the incident severity P0..P4 or page/ticket/critical/warning (default `severity`). */
      severityLabel?: string;
      /**
       * Limit of authenticated webhook calls (one bucket for the token).
       * Calls with a missing or wrong token draw from the per-IP bucket of
       * `slo.rateLimit.failedAuthPerMinute` instead, so junk traffic cannot
       * lock out Alertmanager.
       */
      rateLimit?: {
        /** Bucket capacity (default 30). */
        burst?: number;
        /** Tokens per second (default 5). */
        perSecond?: number;
      };
    };
    /**
     * Per-caller token-bucket limit of every write route but the Alertmanager webhook (see alertmanager.rateLimit), in memory
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
    /** Idempotency-Key records of mutating requests (per caller). */
    idempotency?: {
      /** Hours a response is replayed; expired keys are removed hourly. Default: 24. */
      ttlHours?: number;
    };
    /** Optional: mirror PagerDuty incidents of entities annotated with `pagerduty.com/service-id`. */
    pagerduty?: {
      /** PagerDuty REST API base URL, e.g. https://api.pagerduty.com */
      baseUrl: string;
      /**
       * REST API token (read-only is enough).
       * @visibility secret
       */
      apiToken: string;
      /** How often to sync (default 5). */
      syncIntervalMinutes?: number;
      /** How far back incidents are pulled (default 30). */
      lookbackDays?: number;
    };
    policy?: {
      /** Share of the window budget (percent) one incident may consume before a postmortem is required (default 20). */
      postmortemThresholdPercent?: number;
      /** Change kinds allowed during a freeze (default `P0`, `security`). */
      exceptions?: string[];
      /** Whether an outstanding required postmortem also denies normal changes (default false). */
      postmortemBlocksChanges?: boolean;
    };
    /** Delivery metrics (deployment frequency, lead time, change failure rate, MTTR, rollback time). */
    delivery?: {
      /** Days deployment and rollback events are kept; removed daily. Default 400, at least 365. */
      retentionDays?: number;
      /** Environment the metrics describe (default `production`). */
      environment?: string;
      /** A rollback or incident this many minutes after a deployment makes it a change failure (default 1440). */
      failureWindowMinutes?: number;
      /** MTTR target, median minutes from incident start to resolve (default 60). */
      mttrTargetMinutes?: number;
      /** Rollback time target, 90th percentile minutes (default 10). */
      rollbackTargetMinutes?: number;
      /** Optional target: deployments per week (at least). */
      deploymentsPerWeekTarget?: number;
      /** Optional target: median lead time in minutes (at most). */
      leadTimeTargetMinutes?: number;
      /** Optional target: change failure rate in percent (at most). */
      changeFailureRateTargetPercent?: number;
    };
    demo?: {
      /** Seed a few demo incidents (default true with the demo datasource). */
      seedIncidents?: boolean;
      /** Seed demo deployment events, flagged demo (default true with the demo datasource). */
      seedDeployments?: boolean;
      /** Per entity name: `burnRate` relative to the budget (1 = spend it exactly). */
      profiles?: {
        [name: string]: {
          burnRate: number;
          recentBurnRate?: number;
          recentSeconds?: number;
          requestsPerSecond?: number;
        };
      };
    };
  };
}

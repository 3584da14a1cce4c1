export interface Config {
  scorecards?: {
    /**
     * GitHub fact provider (`@gatekeeper/plugin-scorecards-backend-module-github`).
     * Credentials come from `integrations.github` (token or GitHub App, per
     * host; GitHub Enterprise through the integration's `apiBaseUrl`).
     */
    github?: {
      /** Set to false to switch the provider off. Default: true. */
      enabled?: boolean;
      /**
       * The CI jobs that implement gates: key (used in fact ids
       * `github.ci.<key>.passed`) -> job / status-check name. Default: the
       * golden-path jobs (lint, type-check, unit-tests, sast, secrets-scan,
       * dependency-audit).
       */
      gateJobs?: { [key: string]: string };
      /** Completed workflow runs on the default branch inspected for gate jobs. Default: 5. */
      maxWorkflowRuns?: number;
      /** Pages (of 100) read per alert list. Default: 10. */
      maxAlertPages?: number;
      /**
       * Read repository settings, the default branch's head commit and its
       * classic protection for many repositories in batched GraphQL queries
       * (one request per batch instead of four REST calls per repository).
       * Repositories GraphQL cannot answer for are read over REST. Default: true.
       */
      graphql?: boolean;
      /** Repositories per GraphQL query (1-100). Default: 25. */
      graphqlBatchSize?: number;
      /** Longest wait for a rate limit before the facts become unknown, in seconds. Default: 60. */
      maxRateLimitWaitSeconds?: number;
    };
  };
}

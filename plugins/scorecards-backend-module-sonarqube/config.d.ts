export interface Config {
  scorecards?: {
    /**
     * SonarQube fact provider (`@gatekeeper/plugin-scorecards-backend-module-sonarqube`).
     * Entities opt in with the `sonarqube.org/project-key` annotation.
     */
    sonarqube?: {
      /** Set to false to switch the provider off. Default: true. */
      enabled?: boolean;
      /** Root URL of SonarQube (or SonarCloud: https://sonarcloud.io), e.g. https://sonar.example.com. */
      baseUrl?: string;
      /**
       * A user or project-analysis token with Browse permission on the
       * projects; sent as HTTP basic auth (token as login). Without it requests
       * are anonymous.
       * @visibility secret
       */
      token?: string;
      /** Longest wait for 429/503 back-off before the facts become unknown, in seconds. Default: 60. */
      maxRateLimitWaitSeconds?: number;
    };
  };
}

export interface Config {
  scorecards?: {
    /**
     * Notifications to the owning group of an entity
     * (`@gatekeeper/plugin-scorecards-backend-module-notifications`), sent
     * through the Backstage notifications backend.
     */
    notifications?: {
      /** Set to false to send none. Default: true. */
      enabled?: boolean;
      /** How often stored verdicts and freezes are compared, e.g. `{ minutes: 5 }`. Default: 5 minutes. */
      frequency?: { minutes?: number; hours?: number; seconds?: number };
      /** Warn this many days before a waiver expires. Default: 14. */
      waiverWarningDays?: number;
      /** Tell the teams with entities still to fix this many days before a campaign's deadline. Default: 7. */
      campaignWarningDays?: number;
      /** Each kind can be switched off. All default to true. */
      kinds?: {
        /** The entity's verdict changed to blocked. */
        verdictBlocked?: boolean;
        /** A gate started failing. */
        gateFailing?: boolean;
        /** A waiver expires within `waiverWarningDays`. */
        waiverExpiring?: boolean;
        /** A waiver has expired. */
        waiverExpired?: boolean;
        /** An error-budget freeze started or ended. */
        freeze?: boolean;
        /** A postmortem is required for an incident. */
        postmortemRequired?: boolean;
        /** A waiver was requested for a gate of the entity. */
        waiverRequested?: boolean;
        /** A waiver request was approved or rejected (within 7 days). */
        waiverDecided?: boolean;
        /** A campaign's deadline is within `campaignWarningDays` or passed, and the team has entities to fix. */
        campaignDue?: boolean;
      };
    };
  };
}

export interface Config {
  gatekeeper?: {
    permissions?: {
      /**
       * Group entity refs whose members may push scorecard facts, manage
       * waivers, override SLO freezes and register or delete catalog entities.
       * Defaults to group:default/platform-team.
       */
      platformGroups?: string[];
    };
  };
}

export interface Config {
  gatekeeper?: {
    permissions?: {
      /**
       * Group entity refs whose members may push scorecard facts, manage
       * waivers, override SLO freezes and register or delete catalog entities.
       * Defaults to group:default/platform-team.
       */
      platformGroups?: string[];
      servicePrincipals?: {
        /**
         * Grants a service principal (`external:<static token subject>` or
         * `plugin:<pluginId>`) permissions that service principals never hold
         * by default: slo.freeze.override, slo.incidents.manage,
         * scorecards.waivers.manage, catalog entity/location create/delete.
         */
        allow?: Array<{ subject: string; permissions: string[] }>;
      };
    };
  };
}

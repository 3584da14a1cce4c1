/*
 * Gatekeeper backend (new backend system).
 */
import { createBackend } from '@backstage/backend-defaults';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
// The demo's gate policy as code (docs/adr/0007-zero-config-gate-policy.md).
// Without this line the scorecards backend uses scorecards.policy from
// app-config or the built-in defaultGatePolicy.
import gatePolicy from './gatePolicy';
import { gatekeeperPermissionPolicyModule } from './permissionPolicyModule';
import { gatekeeperPermissionsServiceFactory } from './gatekeeperPermissionsService';
import { localGitCatalogModule } from './localGitCatalogModule';

const backend = createBackend();

// The typed gate policy as code (validated when backstage.config.ts loads).
backend.add(gatePolicyServiceFactory(gatePolicy));

// Gatekeeper plugins
backend.add(import('@gatekeeper/plugin-scorecards-backend'));
// GitHub facts for entities with github.com/project-slug (or a GitHub source
// location); without integrations.github credentials their facts are unknown.
backend.add(import('@gatekeeper/plugin-scorecards-backend-module-github'));
// SonarQube facts for entities with sonarqube.org/project-key; unknown until
// scorecards.sonarqube.baseUrl is configured.
backend.add(import('@gatekeeper/plugin-scorecards-backend-module-sonarqube'));
// notifications to the owning group (verdict, gates, waivers, freezes)
backend.add(
  import('@gatekeeper/plugin-scorecards-backend-module-notifications'),
);
backend.add(import('@gatekeeper/plugin-slo-backend'));
backend.add(import('@gatekeeper/plugin-scaffolder-backend-module-gatekeeper'));

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth (guest sign-in for local use)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// auth for production (app-config.production.yaml): OIDC, optionally GitHub
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Offline demo: accepts the file locations gatekeeper:publish:local-git
// registers, only when gatekeeper.scaffolder.localGit.root is set.
backend.add(localGitCatalogModule);

// permissions, with Gatekeeper's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(gatekeeperPermissionPolicyModule);
// Service principals (static tokens, plugins) are decided by each plugin's
// permissions client, not the policy: add Gatekeeper's rules there.
backend.add(gatekeeperPermissionsServiceFactory);

// search
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// Gatekeeper actions for agents (scorecards:*, slo:*), served over MCP.
backend.add(import('@gatekeeper/plugin-gatekeeper-backend-module-actions'));

backend.start();

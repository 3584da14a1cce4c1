import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { GroupAncestryResolver } from './groupAncestry';
// eslint-disable-next-line @typescript-eslint/no-unused-vars
import type { GatekeeperPermissionsService } from './gatekeeperPermissionsService';

/** Permissions only members of a platform group may use. */
export const PLATFORM_ONLY_PERMISSIONS: ReadonlySet<string> = new Set([
  'scorecards.facts.push',
  'scorecards.waivers.manage',
  'scorecards.campaigns.manage',
]);

/**
 * Resource permissions on a catalog entity that its owners (members of the
 * owning group, directly or through child groups) and platform groups hold.
 */
export const OWNER_PERMISSIONS: ReadonlySet<string> = new Set([
  'slo.incidents.manage',
  'slo.freeze.override',
  'slo.deployments.push',
  'scorecards.waivers.request',
]);

/** @internal */
export interface GatekeeperPermissionPolicyOptions {
  /** Group entity refs whose members hold elevated rights, e.g. group:default/platform-team. */
  platformGroups: string[];
  /**
   * Ancestors (via `spec.parent`) of the user's groups, so that a member of a
   * child group counts as a member of every parent group. Without it only the
   * sign-in resolver's `ownershipEntityRefs` count.
   */
  groupAncestry?: GroupAncestryResolver;
}

/**
 * Gatekeeper's permission policy:
 * - everyone signed in may read everything and run templates;
 * - registering or deleting catalog entities/locations, pushing scorecard
 *   facts and managing waivers need membership of a platform group;
 * - managing incidents, overriding an SLO freeze and requesting a scorecard
 *   waiver of an entity are allowed
 *   to platform groups and, through the catalog's `isEntityOwner` condition,
 *   to members of the owning group or of any of its (nested) child groups;
 * - without a signed-in user, anything that is not a read is denied.
 * Service-to-service calls (static tokens, plugins) are decided by each
 * plugin's permissions client without this policy: see
 * {@link GatekeeperPermissionsService} for the rules applied to them.
 */
export class GatekeeperPermissionPolicy implements PermissionPolicy {
  private readonly platformGroups: Set<string>;
  private readonly groupAncestry?: GroupAncestryResolver;

  constructor(options: GatekeeperPermissionPolicyOptions) {
    this.groupAncestry = options.groupAncestry;
    this.platformGroups = new Set(
      options.platformGroups.map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const ownership = (user?.info.ownershipEntityRefs ?? []).map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    const isPlatform = ownership.some(ref => this.platformGroups.has(ref));

    if (
      PLATFORM_ONLY_PERMISSIONS.has(permission.name) ||
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogLocationDeletePermission) ||
      isPermission(permission, catalogEntityCreatePermission) ||
      isPermission(permission, catalogLocationCreatePermission)
    ) {
      return decide(isPlatform);
    }
    if (OWNER_PERMISSIONS.has(permission.name)) {
      if (!user) {
        return decide(false);
      }
      const claims = await this.withAncestors(ownership);
      if (claims.some(ref => this.platformGroups.has(ref))) {
        return decide(true);
      }
      if (!isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
        return decide(false);
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (permission.attributes.action === 'read') {
      return decide(true);
    }
    return decide(Boolean(user));
  }

  /** The user's ownership refs plus the ancestors of their groups. */
  private async withAncestors(ownership: string[]): Promise<string[]> {
    if (!this.groupAncestry) {
      return ownership;
    }
    const groups = ownership.filter(ref => ref.startsWith('group:'));
    // Fail closed: without the group tree only the direct memberships count.
    const ancestors = groups.length
      ? await this.groupAncestry(groups).catch(() => [])
      : [];
    return [...new Set([...ownership, ...ancestors])];
  }
}

function decide(allowed: boolean): PolicyDecision {
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}

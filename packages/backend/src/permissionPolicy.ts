import {
  AuthorizeResult,
  isPermission,
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
} from '@backstage/plugin-catalog-common/alpha';
// eslint-disable-next-line @typescript-eslint/no-unused-vars
import type { GatekeeperPermissionsService } from './gatekeeperPermissionsService';

/** Permissions only members of a platform group may use. */
export const PLATFORM_ONLY_PERMISSIONS: ReadonlySet<string> = new Set([
  'scorecards.facts.push',
  'scorecards.waivers.manage',
  'slo.freeze.override',
]);

/** Permissions any member of some group (an accountable team) may use. */
export const TEAM_MEMBER_PERMISSIONS: ReadonlySet<string> = new Set([
  'slo.incidents.manage',
]);

/** @internal */
export interface GatekeeperPermissionPolicyOptions {
  /** Group entity refs whose members hold elevated rights, e.g. group:default/platform-team. */
  platformGroups: string[];
}

/**
 * Gatekeeper's permission policy:
 * - everyone signed in may read everything and run templates;
 * - registering or deleting catalog entities/locations, pushing scorecard
 *   facts, managing waivers and overriding an SLO freeze need membership of a
 *   platform group;
 * - managing incidents needs membership of any group;
 * - without a signed-in user, anything that is not a read is denied.
 * Service-to-service calls (static tokens, plugins) are decided by each
 * plugin's permissions client without this policy: see
 * {@link GatekeeperPermissionsService} for the rules applied to them.
 */
export class GatekeeperPermissionPolicy implements PermissionPolicy {
  private readonly platformGroups: Set<string>;

  constructor(options: GatekeeperPermissionPolicyOptions) {
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
    const isTeamMember = ownership.some(ref => ref.startsWith('group:'));

    if (
      PLATFORM_ONLY_PERMISSIONS.has(permission.name) ||
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogLocationDeletePermission) ||
      isPermission(permission, catalogEntityCreatePermission) ||
      isPermission(permission, catalogLocationCreatePermission)
    ) {
      return decide(isPlatform);
    }
    if (TEAM_MEMBER_PERMISSIONS.has(permission.name)) {
      return decide(isTeamMember);
    }
    if (permission.attributes.action === 'read') {
      return decide(true);
    }
    return decide(Boolean(user));
  }
}

function decide(allowed: boolean): PolicyDecision {
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}

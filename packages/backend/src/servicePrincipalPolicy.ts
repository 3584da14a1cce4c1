import { Config } from '@backstage/config';

/**
 * Permissions a service principal (a static token `external:<subject>` or a
 * backend plugin `plugin:<id>`) never holds unless configured explicitly:
 * overriding a freeze, requesting or managing waivers, managing incidents, touching catalog
 * entities/locations.
 */
export const SERVICE_PRINCIPAL_DENIED_PERMISSIONS: ReadonlySet<string> =
  new Set([
    'slo.freeze.override',
    'slo.incidents.manage',
    'slo.deployments.push',
    'scorecards.waivers.manage',
    'scorecards.waivers.request',
    'scorecards.campaigns.manage',
    'catalog.location.create',
    'catalog.location.delete',
    'catalog.entity.create',
    'catalog.entity.delete',
  ]);

/**
 * Built-in grants for backend plugins acting with their own credentials:
 * the scaffolder registers the repository a task just published
 * (gatekeeper:catalog:register checks that scope before it calls the catalog).
 */
export const BUILT_IN_SERVICE_GRANTS: ReadonlyArray<ServicePrincipalGrant> = [
  { subject: 'plugin:scaffolder', permissions: ['catalog.location.create'] },
];

/** One `gatekeeper.permissions.servicePrincipals.allow` entry. */
export interface ServicePrincipalGrant {
  /** `external:<static token subject>` or `plugin:<pluginId>`. */
  subject: string;
  permissions: string[];
}

/** Reads `gatekeeper.permissions.servicePrincipals.allow`. */
export function readServicePrincipalGrants(
  config: Config,
): ServicePrincipalGrant[] {
  const entries =
    config.getOptionalConfigArray(
      'gatekeeper.permissions.servicePrincipals.allow',
    ) ?? [];
  return entries.map(entry => ({
    subject: entry.getString('subject'),
    permissions: entry.getStringArray('permissions'),
  }));
}

/**
 * Decides a permission for a service principal after the framework's
 * `accessRestrictions` allowed it: denied permissions need a grant for the
 * principal's subject; everything else stays allowed.
 */
export function isServicePrincipalAllowed(options: {
  subject: string;
  permission: string;
  grants: ReadonlyArray<ServicePrincipalGrant>;
}): boolean {
  const { subject, permission, grants } = options;
  if (!SERVICE_PRINCIPAL_DENIED_PERMISSIONS.has(permission)) {
    return true;
  }
  // Backstage reports a static token's subject as configured ("ci"), with
  // no "external:" prefix: grants name it external:<subject> (README).
  return [...BUILT_IN_SERVICE_GRANTS, ...grants].some(
    grant =>
      (grant.subject === subject || grant.subject === `external:${subject}`) &&
      grant.permissions.includes(permission),
  );
}

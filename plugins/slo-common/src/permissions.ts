import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read SLO reports, incidents, gate decisions and rules.
 *
 * @public
 */
export const sloReadPermission = createPermission({
  name: 'slo.read',
  attributes: { action: 'read' },
});

/**
 * Declare, acknowledge and resolve incidents, attach postmortems. A resource
 * permission on the catalog entity the incident belongs to, so a policy can
 * answer with a catalog condition such as `isEntityOwner`.
 *
 * @public
 */
export const sloIncidentsManagePermission = createPermission({
  name: 'slo.incidents.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Override an error-budget freeze of a catalog entity (resource permission).
 *
 * @public
 */
export const sloFreezeOverridePermission = createPermission({
  name: 'slo.freeze.override',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Report deployment and rollback events of a catalog entity (resource
 * permission): the release workflow's CI token and the entity's owners.
 *
 * @public
 */
export const sloDeploymentsPushPermission = createPermission({
  name: 'slo.deployments.push',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** @public */
export const sloPermissions = [
  sloReadPermission,
  sloIncidentsManagePermission,
  sloFreezeOverridePermission,
  sloDeploymentsPushPermission,
];

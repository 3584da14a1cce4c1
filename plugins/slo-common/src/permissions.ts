import { createPermission } from '@backstage/plugin-permission-common';

/** Read SLO reports, incidents, gate decisions and rules. */
export const sloReadPermission = createPermission({
  name: 'slo.read',
  attributes: { action: 'read' },
});

/** Create, acknowledge and resolve incidents, attach postmortems. */
export const sloIncidentsManagePermission = createPermission({
  name: 'slo.incidents.manage',
  attributes: { action: 'update' },
});

/** Override an error-budget freeze. */
export const sloFreezeOverridePermission = createPermission({
  name: 'slo.freeze.override',
  attributes: { action: 'update' },
});

export const sloPermissions = [
  sloReadPermission,
  sloIncidentsManagePermission,
  sloFreezeOverridePermission,
];

import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards, gates, history, overview and roll-ups. @public */
export const scorecardsReadPermission = createPermission({
  name: 'scorecards.read',
  attributes: { action: 'read' },
});

/** Push facts (CI results) and trigger evaluations. @public */
export const scorecardsFactsPushPermission = createPermission({
  name: 'scorecards.facts.push',
  attributes: { action: 'create' },
});

/** Manage waivers and run policy dry-runs. @public */
export const scorecardsWaiversManagePermission = createPermission({
  name: 'scorecards.waivers.manage',
  attributes: { action: 'update' },
});

/**
 * Request a waiver for a gate of a catalog entity: its owners and platform
 * members (a resource permission, decided per entity). @public
 */
export const scorecardsWaiversRequestPermission = createPermission({
  name: 'scorecards.waivers.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** Create and edit campaigns (platform members). @public */
export const scorecardsCampaignsManagePermission = createPermission({
  name: 'scorecards.campaigns.manage',
  attributes: { action: 'update' },
});

/** Every permission of the scorecards plugin. @public */
export const scorecardsPermissions = [
  scorecardsReadPermission,
  scorecardsFactsPushPermission,
  scorecardsWaiversManagePermission,
  scorecardsWaiversRequestPermission,
  scorecardsCampaignsManagePermission,
];

import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { GatekeeperPermissionPolicy } from './permissionPolicy';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    credentials: {} as PolicyQueryUser['credentials'],
    info: {
      userEntityRef: ownershipEntityRefs[0] ?? 'user:default/nobody',
      ownershipEntityRefs,
    },
  };
}

const pushFacts = createPermission({
  name: 'scorecards.facts.push',
  attributes: { action: 'create' },
});
const freezeOverride = createPermission({
  name: 'slo.freeze.override',
  attributes: { action: 'update' },
});
const manageIncidents = createPermission({
  name: 'slo.incidents.manage',
  attributes: { action: 'update' },
});
const somethingElse = createPermission({
  name: 'other.thing.update',
  attributes: { action: 'update' },
});

describe('GatekeeperPermissionPolicy', () => {
  const policy = new GatekeeperPermissionPolicy({
    platformGroups: ['group:default/Platform-Team'],
  });
  const platformUser = user(
    'user:default/alice',
    'group:default/platform-team',
  );
  const teamUser = user('user:default/bob', 'group:default/payments-team');
  const loner = user('user:default/eve');

  it('allows reads to anyone', async () => {
    for (const u of [platformUser, teamUser, loner, undefined]) {
      await expect(
        policy.handle({ permission: catalogEntityReadPermission }, u),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it.each([pushFacts, freezeOverride, catalogEntityDeletePermission])(
    'restricts %p to platform group members (case-insensitive refs)',
    async permission => {
      await expect(
        policy.handle({ permission }, platformUser),
      ).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
      await expect(policy.handle({ permission }, teamUser)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
      await expect(policy.handle({ permission }, undefined)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it('lets any team member manage incidents, but not users without a group', async () => {
    await expect(
      policy.handle({ permission: manageIncidents }, teamUser),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: manageIncidents }, loner),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows other non-read actions to signed-in users only', async () => {
    await expect(
      policy.handle({ permission: somethingElse }, loner),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: somethingElse }, undefined),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});

import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { Entity } from '@backstage/catalog-model';
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
const manageCampaigns = createPermission({
  name: 'scorecards.campaigns.manage',
  attributes: { action: 'update' },
});
const freezeOverride = createPermission({
  name: 'slo.freeze.override',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const manageIncidents = createPermission({
  name: 'slo.incidents.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const requestWaiver = createPermission({
  name: 'scorecards.waivers.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});
/** The same name as a basic permission (an outdated client). */
const basicManageIncidents = createPermission({
  name: 'slo.incidents.manage',
  attributes: { action: 'update' },
});

function component(owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'a', namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** Applies a decision to an entity the way the catalog does. */
function allowsOn(decision: PolicyDecision, entity: Entity): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const condition = decision.conditions;
  if (!('rule' in condition)) {
    throw new Error('expected a single condition');
  }
  const { rule, params } = condition;
  expect(rule).toBe('IS_ENTITY_OWNER');
  const claims = params?.claims;
  if (!Array.isArray(claims)) {
    throw new Error('expected claims');
  }
  expect(decision.pluginId).toBe('catalog');
  expect(decision.resourceType).toBe('catalog-entity');
  return permissionRules.isEntityOwner.apply(entity, {
    claims: claims.map(String),
  });
}
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

  it.each([
    pushFacts,
    manageCampaigns,
    basicManageIncidents,
    catalogEntityDeletePermission,
  ])(
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

  describe.each([manageIncidents, freezeOverride, requestWaiver])(
    'owner permission %p',
    permission => {
      const parents: Record<string, string> = {
        'group:default/team-a-child': 'group:default/team-a',
        'group:default/team-a-grandchild': 'group:default/team-a-child',
        'group:default/platform-sre': 'group:default/platform-team',
      };
      const nested = new GatekeeperPermissionPolicy({
        platformGroups: ['group:default/platform-team'],
        groupAncestry: async refs => {
          const out: string[] = [];
          for (const ref of refs) {
            for (let p = parents[ref]; p; p = parents[p]) out.push(p);
          }
          return out;
        },
      });
      const owned = component('group:default/team-a');
      const decide = (u?: PolicyQueryUser) => nested.handle({ permission }, u);

      it('allows platform members, also through a child group', async () => {
        await expect(decide(platformUser)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
        await expect(
          decide(user('user:default/sre', 'group:default/platform-sre')),
        ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      });

      it('is conditional on ownership for a member of the owning group', async () => {
        const decision = await decide(
          user('user:default/ann', 'group:default/team-a'),
        );
        expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
        expect(allowsOn(decision, owned)).toBe(true);
        expect(allowsOn(decision, component('group:default/team-b'))).toBe(
          false,
        );
      });

      it('counts members of nested child groups as owners', async () => {
        for (const group of [
          'group:default/team-a-child',
          'group:default/team-a-grandchild',
        ]) {
          const decision = await decide(user('user:default/kid', group));
          expect(allowsOn(decision, owned)).toBe(true);
        }
      });

      it('denies members of another team and users without a group', async () => {
        const other = await decide(
          user('user:default/bob', 'group:default/team-b'),
        );
        expect(allowsOn(other, owned)).toBe(false);
        expect(allowsOn(await decide(loner), owned)).toBe(false);
        await expect(decide(undefined)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      });

      it('lets a user own an entity directly', async () => {
        const decision = await decide(user('user:default/solo'));
        expect(allowsOn(decision, component('user:default/solo'))).toBe(true);
      });

      it('falls back to direct memberships when the group tree fails', async () => {
        const broken = new GatekeeperPermissionPolicy({
          platformGroups: ['group:default/platform-team'],
          groupAncestry: async () => {
            throw new Error('catalog down');
          },
        });
        const child = await broken.handle(
          { permission },
          user('user:default/kid', 'group:default/team-a-child'),
        );
        expect(allowsOn(child, owned)).toBe(false);
        const direct = await broken.handle(
          { permission },
          user('user:default/ann', 'group:default/team-a'),
        );
        expect(allowsOn(direct, owned)).toBe(true);
      });
    },
  );

  it('allows other non-read actions to signed-in users only', async () => {
    await expect(
      policy.handle({ permission: somethingElse }, loner),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: somethingElse }, undefined),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});

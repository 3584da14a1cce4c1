import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { catalogLocationCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { GatekeeperPermissionsService } from './gatekeeperPermissionsService';
import { readServicePrincipalGrants } from './servicePrincipalPolicy';

const perm = (name: string) =>
  createPermission({ name, attributes: { action: 'update' } });

describe('GatekeeperPermissionsService', () => {
  const inner = mockServices.permissions.mock();
  const auth = mockServices.auth();
  const grants = readServicePrincipalGrants(
    new ConfigReader({
      gatekeeper: {
        permissions: {
          servicePrincipals: {
            allow: [
              { subject: 'external:ops', permissions: ['slo.freeze.override'] },
            ],
          },
        },
      },
    }),
  );
  const service = new GatekeeperPermissionsService(inner, auth, grants);

  beforeEach(() => {
    inner.authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    inner.authorizeConditional.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  });

  const decide = async (subject: string, name: string) => {
    const [d] = await service.authorize([{ permission: perm(name) }], {
      credentials: mockCredentials.service(subject),
    });
    return d.result;
  };

  it.each([
    'slo.freeze.override',
    'slo.incidents.manage',
    'scorecards.waivers.manage',
    'scorecards.campaigns.manage',
    'scorecards.waivers.request',
    'catalog.location.create',
    'catalog.location.delete',
    'catalog.entity.delete',
  ])('denies %s to static tokens and plugins', async name => {
    await expect(decide('external:ci', name)).resolves.toBe(
      AuthorizeResult.DENY,
    );
    await expect(decide('plugin:scorecards', name)).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('keeps other permissions as the framework decided them', async () => {
    await expect(decide('external:ci', 'scorecards.facts.push')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(decide('plugin:scorecards', 'slo.read')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    inner.authorize.mockResolvedValueOnce([{ result: AuthorizeResult.DENY }]);
    await expect(decide('external:ci', 'slo.read')).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets only the scaffolder plugin create locations by default', async () => {
    await expect(
      decide('plugin:scaffolder', catalogLocationCreatePermission.name),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      decide('external:scaffolder', catalogLocationCreatePermission.name),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      decide('plugin:scaffolder', 'catalog.location.delete'),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it('applies configured grants to their subject only', async () => {
    await expect(decide('external:ops', 'slo.freeze.override')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(decide('external:ops', 'slo.incidents.manage')).resolves.toBe(
      AuthorizeResult.DENY,
    );
    await expect(decide('external:ci', 'slo.freeze.override')).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('applies an external:<subject> grant to the static token of that subject', async () => {
    // a static token's principal subject is the configured one, unprefixed
    await expect(decide('ops', 'slo.freeze.override')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(decide('ops', 'slo.incidents.manage')).resolves.toBe(
      AuthorizeResult.DENY,
    );
    await expect(decide('ci', 'slo.freeze.override')).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('passes user decisions through, conditional ones included', async () => {
    const [d] = await service.authorize(
      [{ permission: perm('slo.freeze.override') }],
      { credentials: mockCredentials.user() },
    );
    expect(d.result).toBe(AuthorizeResult.ALLOW);
    const [c] = await service.authorizeConditional(
      [
        {
          permission: createPermission({
            name: 'slo.incidents.manage',
            attributes: { action: 'update' },
            resourceType: 'catalog-entity',
          }),
        },
      ],
      { credentials: mockCredentials.service('external:ci') },
    );
    expect(c.result).toBe(AuthorizeResult.DENY);
  });
});

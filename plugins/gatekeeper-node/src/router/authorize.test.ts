import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { authorize } from './authorize';

const read = createPermission({
  name: 'test.read',
  attributes: { action: 'read' },
});
const update = createPermission({
  name: 'test.entity.update',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

function permissionsAnswering(result: AuthorizeResult) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result } as never)),
  );
  return permissions;
}

describe('authorize', () => {
  const credentials = mockCredentials.user('user:default/jane');

  it('resolves when allowed, passing the caller credentials down', async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      authorize({ permissions, credentials, permission: read }),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith([{ permission: read }], {
      credentials,
    });
  });

  it('throws NotAllowedError when denied or conditional', async () => {
    for (const result of [AuthorizeResult.DENY, AuthorizeResult.CONDITIONAL]) {
      const permissions = permissionsAnswering(result);
      const attempt = authorize({ permissions, credentials, permission: read });
      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow('Not allowed: test.read');
    }
  });

  it('throws NotAllowedError when the framework returns no decision', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([]);
    await expect(
      authorize({ permissions, credentials, permission: read }),
    ).rejects.toThrow(NotAllowedError);
  });

  it('sends the resource ref of a resource permission', async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await authorize({
      permissions,
      credentials,
      permission: update,
      resourceRef: 'component:default/shop',
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: update, resourceRef: 'component:default/shop' }],
      { credentials },
    );
  });

  it('refuses a resource permission without its resource', async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      authorize({ permissions, credentials, permission: update }),
    ).rejects.toThrow(/needs its resourceRef/);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('answers with the real permission framework mock', async () => {
    await expect(
      authorize({
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
        credentials,
        permission: read,
      }),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      authorize({
        permissions: mockServices.permissions(),
        credentials,
        permission: read,
      }),
    ).resolves.toBeUndefined();
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { gatekeeperPermissionPolicyModule } from './permissionPolicyModule';

describe('gatekeeperPermissionPolicyModule', () => {
  it('installs the Gatekeeper policy into the permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionBackend,
        gatekeeperPermissionPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            gatekeeper: {
              permissions: { platformGroups: ['group:default/sre'] },
            },
          },
        }),
        mockServices.userInfo.mock({
          getUserInfo: async () => ({
            userEntityRef: 'user:default/mock',
            ownershipEntityRefs: ['user:default/mock', 'group:default/dev'],
          }),
        }).factory,
      ],
    });

    const authorize = async (name: string, action: string) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header())
        .send({
          items: [
            {
              id: '1',
              permission: { type: 'basic', name, attributes: { action } },
            },
          ],
        });
      expect(res.status).toBe(200);
      return res.body.items[0].result;
    };

    // the mock user is in group:default/dev, not in the configured platform group
    expect(await authorize('scorecards.facts.push', 'create')).toBe(
      AuthorizeResult.DENY,
    );
    // the owner permissions are resource permissions now (decided per entity
    // in authzMatrix.test.ts); an outdated basic one is not granted
    expect(await authorize('slo.incidents.manage', 'update')).toBe(
      AuthorizeResult.DENY,
    );
    expect(await authorize('catalog.entity.read', 'read')).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});

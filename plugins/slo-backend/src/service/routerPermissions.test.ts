import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { start, user } from './__testUtils__/startSloBackend';

jest.setTimeout(30_000);

describe('slo router permissions: deny', () => {
  it('403 when the permission policy denies', async () => {
    const { server, backend } = await start({ deny: true });
    expect(
      (
        await request(server)
          .get('/api/slo/entities/default/component/search-service/slos')
          .set('Authorization', user())
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post('/api/slo/incidents')
          .set('Authorization', user())
          .send({
            entityRef: 'component:default/search-service',
            title: 't',
            severity: 'P1',
          })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post(
            `/api/slo/freeze/${encodeURIComponent(
              'component:default/search-service',
            )}/override`,
          )
          .set('Authorization', user())
          .send({
            reason: 'because',
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
          })
      ).status,
    ).toBe(403);
    await backend.stop();
  });
});

describe('slo router permissions: per entity', () => {
  it('authorizes incident writes and overrides on the incident entity', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result:
          !('resourceRef' in r) ||
          r.resourceRef === 'component:default/search-service'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const { server, backend } = await start({ permissions });
    const declare = (name: string) =>
      request(server)
        .post('/api/slo/incidents')
        .set('Authorization', user())
        .send({
          entityRef: `component:default/${name}`,
          title: 't',
          severity: 'P2',
        });
    const own = await declare('search-service');
    expect(own.status).toBe(201);
    expect((await declare('payments-service')).status).toBe(403);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'slo.incidents.manage',
            resourceType: 'catalog-entity',
          }),
          resourceRef: 'component:default/payments-service',
        }),
      ],
      expect.anything(),
    );
    const ack = await request(server)
      .post(`/api/slo/incidents/${own.body.id}/acknowledge`)
      .set('Authorization', user())
      .send({});
    expect(ack.status).toBe(200);
    const unknown = await request(server)
      .post('/api/slo/incidents/does-not-exist/resolve')
      .set('Authorization', user())
      .send({});
    expect(unknown.status).toBe(404);
    const override = await request(server)
      .post(
        `/api/slo/freeze/${encodeURIComponent(
          'component:default/payments-service',
        )}/override`,
      )
      .set('Authorization', user())
      .send({
        reason: 'because',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
    expect(override.status).toBe(403);
    await backend.stop();
  });
});

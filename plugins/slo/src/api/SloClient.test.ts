import { mockApis } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { SloClient } from './SloClient';
import {
  makeIncident,
  makeIncidents,
  makeReport,
} from '../__testUtils__/fixtures';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('SloClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });
  let fetch: jest.Mock;
  let client: SloClient;

  beforeEach(() => {
    fetch = jest.fn();
    client = new SloClient({ discoveryApi, fetchApi: { fetch } });
  });

  it('gets the SLO report by namespace, kind and name', async () => {
    const report = makeReport();
    fetch.mockResolvedValue(jsonResponse(report));
    await expect(
      client.getEntitySlos('component:default/payments'),
    ).resolves.toEqual(report);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/slo/entities/default/component/payments/slos',
    );
  });

  it('encodes path segments and accepts compound refs', async () => {
    fetch.mockResolvedValue(jsonResponse(makeIncidents()));
    await client.getEntityIncidents({
      kind: 'Component',
      namespace: 'team a',
      name: 'pay/ments#1',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/slo/entities/team%20a/component/pay%2Fments%231/incidents',
    );
  });

  it('defaults the namespace of short refs', async () => {
    fetch.mockResolvedValue(jsonResponse(makeIncidents()));
    await client.getEntityIncidents('component:checkout');
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/slo/entities/default/component/checkout/incidents',
    );
  });

  it('encodes the full ref of gate decisions and passes the change kind', async () => {
    fetch.mockImplementation(async () => jsonResponse({ decision: 'allow' }));
    await client.getGateDecision('Component:default/payments', {
      change: 'security',
    });
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/gate/component%3Adefault%2Fpayments?change=security',
    );
    await client.getGateDecision('component:default/payments');
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/gate/component%3Adefault%2Fpayments',
    );
  });
});

describe('SloClient, part 2', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });
  let fetch: jest.Mock;
  let client: SloClient;

  beforeEach(() => {
    fetch = jest.fn();
    client = new SloClient({ discoveryApi, fetchApi: { fetch } });
  });

  it('posts incident actions and returns the updated incident', async () => {
    const updated = makeIncident({ status: 'acknowledged' });
    fetch.mockImplementation(async () => jsonResponse(updated, 200));
    await expect(client.acknowledgeIncident('inc/1')).resolves.toEqual(updated);
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/incidents/inc%2F1/acknowledge',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      },
    );
    await client.resolveIncident('inc-1');
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/incidents/inc-1/resolve',
      expect.objectContaining({ method: 'POST' }),
    );
    await client.setPostmortem('inc-1', 'https://docs.example.com/pm/1');
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/incidents/inc-1/postmortem',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: 'https://docs.example.com/pm/1' }),
      },
    );
  });

  it('declares incidents with a normalised entity ref', async () => {
    const created = makeIncident({ id: 'inc-9', status: 'triggered' });
    fetch.mockImplementation(async () => jsonResponse(created, 201));
    await expect(
      client.createIncident({
        entityRef: 'Component:payments',
        title: 'Card declines',
        severity: 'P1',
      }),
    ).resolves.toEqual(created);
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/incidents',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entityRef: 'component:default/payments',
          title: 'Card declines',
          severity: 'P1',
        }),
      },
    );
  });
});

describe('SloClient, part 3', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });
  let fetch: jest.Mock;
  let client: SloClient;

  beforeEach(() => {
    fetch = jest.fn();
    client = new SloClient({ discoveryApi, fetchApi: { fetch } });
  });

  it('overrides a freeze for an encoded entity ref', async () => {
    const override = {
      by: 'user:default/sre',
      reason: 'hotfix',
      expiresAt: '2026-11-25T00:00:00Z',
    };
    fetch.mockImplementation(async () => jsonResponse(override, 201));
    await expect(
      client.overrideFreeze('component:default/payments', {
        reason: 'hotfix',
        expiresAt: '2026-11-25T00:00:00Z',
      }),
    ).resolves.toEqual(override);
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/slo/freeze/component%3Adefault%2Fpayments/override',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({
          reason: 'hotfix',
          expiresAt: '2026-11-25T00:00:00Z',
        }),
      }),
    );
  });

  it('maps error responses to ResponseError with the backend message', async () => {
    fetch.mockResolvedValue(
      jsonResponse(
        {
          error: { name: 'NotFoundError', message: 'No SLOs for payments' },
          request: { method: 'GET', url: '/entities/default/component/x/slos' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client
      .getEntitySlos('component:default/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Request failed with 404 ');
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No SLOs for payments');
  });

  it('maps failed mutations to ResponseError', async () => {
    fetch.mockResolvedValue(
      jsonResponse(
        {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    await expect(client.resolveIncident('inc-1')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});

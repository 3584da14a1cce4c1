import { ResponseError } from '@backstage/errors';
import {
  campaignDetails,
  campaignSummary,
} from '../testUtils/campaignFixtures';
import { fakeResponse } from '../testUtils/fixtures';
import { ScorecardsClient } from './ScorecardsClient';

const BASE = 'http://backstage.test/api/scorecards';

function setup(response: Response) {
  const discoveryApi = { getBaseUrl: jest.fn().mockResolvedValue(BASE) };
  const fetchApi = { fetch: jest.fn().mockResolvedValue(response) };
  const client = new ScorecardsClient({ discoveryApi, fetchApi });
  return { client, fetchApi };
}

describe('ScorecardsClient campaigns', () => {
  it('lists campaigns with the filters, and none where there is no campaigns API', async () => {
    const ok = setup(fakeResponse(200, { items: [campaignSummary] }));
    await expect(
      ok.client.listCampaigns({ owner: 'group:default/a', archived: true }),
    ).resolves.toEqual({ items: [campaignSummary] });
    expect(ok.fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/campaigns?owner=group%3Adefault%2Fa&archived=true`,
      undefined,
    );
    const missing = setup(
      fakeResponse(404, { error: { name: 'NotFoundError', message: 'x' } }),
    );
    await expect(missing.client.listCampaigns()).resolves.toEqual({
      items: [],
    });
    const broken = setup(
      fakeResponse(500, { error: { name: 'Error', message: 'boom' } }),
    );
    await expect(broken.client.listCampaigns()).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('reads a campaign and the campaigns of an entity', async () => {
    const one = setup(fakeResponse(200, campaignDetails));
    await expect(one.client.getCampaign(campaignDetails.id)).resolves.toEqual(
      campaignDetails,
    );
    expect(one.fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/campaigns/${campaignDetails.id}`,
      undefined,
    );
    const entity = setup(fakeResponse(200, { entityRef: 'x', items: [] }));
    await entity.client.getEntityCampaigns('Component:default/my api');
    expect(entity.fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/campaigns/entity/default/component/my%20api`,
      undefined,
    );
  });

  it('creates with an Idempotency-Key and patches a campaign', async () => {
    const created = setup(fakeResponse(201, campaignSummary));
    const body = {
      title: 't',
      owner: 'group:default/a',
      target: { level: 'bronze' },
      selector: {},
      deadline: '2027-01-01',
    };
    await created.client.createCampaign(body, { idempotencyKey: 'k-1' });
    expect(created.fetchApi.fetch).toHaveBeenCalledWith(`${BASE}/campaigns`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
      body: JSON.stringify(body),
    });
    const patched = setup(fakeResponse(200, campaignSummary));
    await patched.client.updateCampaign('id-1', { archived: true });
    expect(patched.fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/campaigns/id-1`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: '{"archived":true}',
      },
    );
  });
});

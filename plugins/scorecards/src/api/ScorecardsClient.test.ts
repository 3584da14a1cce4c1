import { ResponseError } from '@backstage/errors';
import { fakeResponse, makeScorecard } from '../testUtils/fixtures';
import { ScorecardsClient } from './ScorecardsClient';

const BASE = 'http://backstage.test/api/scorecards';

function setup(response: Response) {
  const discoveryApi = { getBaseUrl: jest.fn().mockResolvedValue(BASE) };
  const fetchApi = { fetch: jest.fn().mockResolvedValue(response) };
  const client = new ScorecardsClient({ discoveryApi, fetchApi });
  return { client, discoveryApi, fetchApi };
}

describe('ScorecardsClient', () => {
  it('fetches the entity scorecard by namespace/kind/name', async () => {
    const scorecard = makeScorecard();
    const { client, discoveryApi, fetchApi } = setup(
      fakeResponse(200, scorecard),
    );
    await expect(
      client.getEntityScorecard('Component:default/payments-api'),
    ).resolves.toEqual(scorecard);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('scorecards');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/entities/default/component/payments-api`,
      undefined,
    );
  });

  it('URL-encodes ref parts and defaults the namespace', async () => {
    const { client, fetchApi } = setup(fakeResponse(200, { points: [] }));
    await client.getEntityHistory('component:my api#1');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/entities/default/component/my%20api%231/history`,
      undefined,
    );
  });

  it('fetches the stored facts of an entity', async () => {
    const facts = {
      items: [
        {
          fact: 'ci.coverage.lines',
          value: 81,
          observedAt: '2026-11-20T00:00:00.000Z',
          source: 'push:ci',
        },
      ],
    };
    const { client, fetchApi } = setup(fakeResponse(200, facts));
    await expect(
      client.getEntityFacts('component:default/svc'),
    ).resolves.toEqual(facts);
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/entities/default/component/svc/facts`,
      undefined,
    );
  });

  it('posts evaluate requests', async () => {
    const { client, fetchApi } = setup(fakeResponse(200, makeScorecard()));
    await client.evaluateEntity('component:team-a/svc');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/entities/team-a/component/svc/evaluate`,
      { method: 'POST' },
    );
  });
});

describe('ScorecardsClient, part 2', () => {
  it('builds overview query strings from the set filters only', async () => {
    const { client, fetchApi } = setup(
      fakeResponse(200, { items: [], totalItems: 0 }),
    );
    await client.getOverview({
      limit: 25,
      offset: 50,
      owner: 'group:default/team a',
      system: '',
      verdict: 'blocked',
      level: undefined,
      gate: 'lint-clean',
      status: 'fail',
    });
    const url = new URL(fetchApi.fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/scorecards/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '25',
      offset: '50',
      owner: 'group:default/team a',
      verdict: 'blocked',
      gate: 'lint-clean',
      status: 'fail',
    });
  });

  it('sends the evidence filter', async () => {
    const { client, fetchApi } = setup(
      fakeResponse(200, { items: [], totalItems: 0 }),
    );
    await client.getOverview({ evidence: 'configured' });
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/overview?evidence=configured`,
      undefined,
    );
  });

  it('omits the query string when no filter is set', async () => {
    const { client, fetchApi } = setup(
      fakeResponse(200, { items: [], totalItems: 0 }),
    );
    await client.getOverview();
    expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE}/overview`, undefined);
  });

  it('fetches gates and rollups', async () => {
    const { client, fetchApi } = setup(fakeResponse(200, { items: [] }));
    await client.getRollups('system');
    expect(fetchApi.fetch).toHaveBeenLastCalledWith(
      `${BASE}/rollups?by=system`,
      undefined,
    );
    fetchApi.fetch.mockResolvedValueOnce(
      fakeResponse(200, { levels: ['bronze'], gates: [] }),
    );
    await expect(client.getGates()).resolves.toEqual({
      levels: ['bronze'],
      gates: [],
    });
    expect(fetchApi.fetch).toHaveBeenLastCalledWith(`${BASE}/gates`, undefined);
  });

  it('maps backend errors to ResponseError with the remote cause', async () => {
    const { client } = setup(
      fakeResponse(404, {
        error: { name: 'NotFoundError', message: 'No scorecard for svc' },
        request: { method: 'GET', url: '/entities/default/component/svc' },
        response: { statusCode: 404 },
      }),
    );
    const error = await client
      .getEntityScorecard('component:default/svc')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No scorecard for svc');
  });
});

describe('ScorecardsClient, part 3', () => {
  it('maps non-JSON errors too', async () => {
    const { client } = setup(fakeResponse(502, 'bad gateway', 'text/plain'));
    const error = await client.getGates().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('bad gateway');
  });

  it('reads the summary of the signed-in user', async () => {
    const summary = { owners: [], entities: [], expiringWaivers: [] };
    const { client, fetchApi } = setup(fakeResponse(200, summary));
    await expect(client.getMySummary()).resolves.toEqual(summary);
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/me/summary`,
      undefined,
    );
  });

  it('lists due campaigns of an owner, none where the API is missing (404)', async () => {
    const items = [
      {
        id: 'c1',
        title: 'Adopt CODEOWNERS',
        owner: 'group:default/team-a',
        deadline: '2026-12-10T00:00:00.000Z',
        progress: { total: 4, done: 1, remaining: 3, overdue: 0 },
      },
    ];
    const query = {
      owner: 'group:default/team-a',
      due: '2026-12-31T00:00:00.000Z',
    };
    const ok = setup(fakeResponse(200, { items }));
    await expect(ok.client.getDueCampaigns(query)).resolves.toEqual({ items });
    expect(ok.fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE}/campaigns?owner=group%3Adefault%2Fteam-a&due=2026-12-31T00%3A00%3A00.000Z`,
      undefined,
    );
    const missing = setup(
      fakeResponse(404, {
        error: { name: 'NotFoundError', message: 'no route' },
      }),
    );
    await expect(missing.client.getDueCampaigns(query)).resolves.toEqual({
      items: [],
    });
    const broken = setup(
      fakeResponse(500, { error: { name: 'Error', message: 'boom' } }),
    );
    await expect(broken.client.getDueCampaigns(query)).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('lists, creates and decides waiver requests', async () => {
    const { client, fetchApi } = setup(fakeResponse(200, { items: [] }));
    await client.listWaiverRequests();
    await client.listWaiverRequests({
      entityRef: 'component:default/a b',
      state: 'requested',
    });
    expect(fetchApi.fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/waiver-requests`,
      `${BASE}/waiver-requests?entityRef=component%3Adefault%2Fa+b&state=requested`,
    ]);
    const body = {
      entityRef: 'component:default/a',
      gate: 'lint-clean',
      reason: 'migration',
      expires: '2027-01-01',
    };
    await client.createWaiverRequest(body, { idempotencyKey: 'k1' });
    await client.createWaiverRequest(body);
    const [, withKey] = fetchApi.fetch.mock.calls[2];
    expect(withKey).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
      body: JSON.stringify(body),
    });
    expect(fetchApi.fetch.mock.calls[3][1].headers).toEqual({
      'Content-Type': 'application/json',
    });
    await client.decideWaiverRequest('id/1', 'approve', 'ok');
    await client.decideWaiverRequest('id2', 'withdraw');
    expect(fetchApi.fetch.mock.calls[4]).toEqual([
      `${BASE}/waiver-requests/id%2F1/approve`,
      expect.objectContaining({ method: 'POST', body: '{"comment":"ok"}' }),
    ]);
    expect(fetchApi.fetch.mock.calls[5][1].body).toBe('{}');
  });
});

import http from 'node:http';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentStore } from './IncidentStore';
import { syncPagerDuty } from './pagerDutySync';

/** A local stand-in for the PagerDuty REST API. */
async function startPagerDutyStub(pages: Record<string, unknown[]>) {
  const requests: { url: URL; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://stub');
    requests.push({ url, authorization: req.headers.authorization });
    const service = url.searchParams.get('service_ids[]')!;
    if (service === 'PBROKEN') {
      res.writeHead(500).end('{}');
      return;
    }
    const all = pages[service] ?? [];
    const offset = Number(url.searchParams.get('offset'));
    const limit = 2; // small pages to exercise pagination
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        incidents: all.slice(offset, offset + limit),
        more: offset + limit < all.length,
      }),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** Three PagerDuty incidents: triggered, acknowledged and resolved. */
function pagerDutyIncidents(): any[] {
  return [
    {
      id: 'Q1',
      title: 'db down',
      status: 'triggered',
      created_at: '2026-11-20T10:00:00Z',
      urgency: 'high',
      html_url: 'https://pd/incidents/Q1',
      incident_number: 7,
    },
    {
      id: 'Q2',
      title: 'slow',
      status: 'acknowledged',
      created_at: '2026-11-21T10:00:00Z',
      last_status_change_at: '2026-11-21T10:05:00Z',
      urgency: 'low',
      priority: { summary: 'P2' },
    },
    {
      id: 'Q3',
      title: 'resolved one',
      status: 'resolved',
      created_at: '2026-11-22T10:00:00Z',
      last_status_change_at: '2026-11-22T11:00:00Z',
      acknowledgements: [{ at: '2026-11-22T10:10:00Z' }],
      priority: null,
    },
  ];
}

/** The incidents of the first sync, mapped to severities and states. */
async function expectMirrored(store: IncidentStore) {
  const list = await store.listIncidents({
    entityRef: 'component:default/search-service',
  });
  const byTitle = Object.fromEntries(list.map(i => [i.title, i]));
  expect(byTitle['db down']).toMatchObject({
    source: 'pagerduty',
    status: 'triggered',
    severity: 'P1',
    labels: { url: 'https://pd/incidents/Q1', number: '7' },
    externalId: 'pagerduty:Q1',
  });
  expect(byTitle.slow).toMatchObject({
    status: 'acknowledged',
    severity: 'P2',
    acknowledgedAt: '2026-11-21T10:05:00.000Z',
  });
  expect(byTitle['resolved one']).toMatchObject({
    status: 'resolved',
    severity: 'P3',
    acknowledgedAt: '2026-11-22T10:10:00.000Z',
    resolvedAt: '2026-11-22T11:00:00.000Z',
  });
}

describe('syncPagerDuty', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('mirrors incidents, follows pages and applies status changes', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const incidents = pagerDutyIncidents();
    const stub = await startPagerDutyStub({ PSEARCH: incidents });
    const logger = mockServices.logger.mock();
    const run = () =>
      syncPagerDuty({
        store,
        logger,
        baseUrl: stub.url,
        token: 'pd-token',
        since: new Date('2026-11-01T00:00:00Z'),
        entities: [
          {
            entityRef: 'component:default/search-service',
            serviceId: 'PSEARCH',
          },
          { entityRef: 'component:default/broken', serviceId: 'PBROKEN' },
        ],
      });
    try {
      expect(await run()).toEqual({
        created: 3,
        updated: 0,
        unchanged: 0,
        failedServices: 1,
      });
      expect(stub.requests[0].authorization).toBe('Token token=pd-token');
      expect(stub.requests[0].url.searchParams.get('since')).toBe(
        '2026-11-01T00:00:00.000Z',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('component:default/broken'),
        expect.objectContaining({ error: 'PagerDuty answered 500' }),
      );
      await expectMirrored(store);

      // Q1 gets acknowledged and resolved in PagerDuty; Q2 unchanged.
      incidents[0] = {
        ...incidents[0],
        status: 'resolved',
        last_status_change_at: '2026-11-20T12:00:00Z',
        acknowledgements: [{ at: '2026-11-20T10:03:00Z' }],
      };
      expect(await run()).toEqual({
        created: 0,
        updated: 1,
        unchanged: 2,
        failedServices: 1,
      });
      const q1 = (
        await store.listIncidents({
          entityRef: 'component:default/search-service',
        })
      ).find(i => i.title === 'db down');
      expect(q1).toMatchObject({
        status: 'resolved',
        acknowledgedAt: '2026-11-20T10:03:00.000Z',
        resolvedAt: '2026-11-20T12:00:00.000Z',
      });
    } finally {
      await stub.close();
    }
  });
});

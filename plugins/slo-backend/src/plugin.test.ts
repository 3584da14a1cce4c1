import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntitySloReport } from '@gatekeeper/plugin-slo-common';
import { sloDatasourcesExtensionPoint } from '@gatekeeper/plugin-slo-node';
import request from 'supertest';
import { parse } from 'yaml';
import { sloPlugin } from './plugin';

jest.setTimeout(30_000);

const DEMO = path.resolve(__dirname, '../../../demo/repos');

/** The demo catalog entities as the catalog would serve them (file locations). */
function demoEntities(): Entity[] {
  return fs.readdirSync(DEMO).map(dir => {
    const file = path.join(DEMO, dir, 'catalog-info.yaml');
    const entity = parse(fs.readFileSync(file, 'utf8')) as Entity;
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      'backstage.io/managed-by-location': `file:${file}`,
    };
    return entity;
  });
}

describe('slo plugin with the demo datasource and the demo repositories', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({ entities: demoEntities() }),
      ],
    });
  });
  afterAll(() => backend.stop());

  const report = async (name: string) => {
    const res = await request(backend.server).get(
      `/api/slo/entities/default/component/${name}/slos`,
    );
    expect(res.status).toBe(200);
    return res.body as EntitySloReport;
  };

  it('reads the OpenSLO files of every demo service without errors', async () => {
    for (const name of [
      'payments-service',
      'search-service',
      'checkout-web',
      'recommendations',
      'ledger-worker',
    ]) {
      const r = await report(name);
      expect(r.errors).toEqual([]);
      expect(r.slos.length).toBeGreaterThan(0);
      expect(r.datasource).toEqual({ name: 'demo', demo: true });
    }
    expect(
      (await report('payments-service')).slos.map(s => s.budgetingMethod),
    ).toEqual(['Occurrences', 'Timeslices']);
    const ledger = await report('ledger-worker');
    expect(ledger.slos[0].timeWindow).toMatchObject({
      duration: '1M',
      rolling: false,
    });
  });
});

describe('slo plugin with the demo datasource and the demo repositories, part 2', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({ entities: demoEntities() }),
      ],
    });
  });
  afterAll(() => backend.stop());

  const report = async (name: string) => {
    const res = await request(backend.server).get(
      `/api/slo/entities/default/component/${name}/slos`,
    );
    expect(res.status).toBe(200);
    return res.body as EntitySloReport;
  };

  it('gives the intended mix: healthy, exhausted (frozen), burning fast', async () => {
    const payments = await report('payments-service');
    expect(payments.freeze.frozen).toBe(false);
    expect(payments.slos.every(s => s.errorBudget.remainingPercent > 50)).toBe(
      true,
    );

    const search = await report('search-service');
    expect(search.freeze.frozen).toBe(true);
    expect(search.slos[0].errorBudget.remaining).toBeLessThan(0);

    const checkout = await report('checkout-web');
    expect(checkout.freeze.frozen).toBe(false);
    expect(
      checkout.slos[0].burnRateAlerts.find(
        a => a.severity === 'page' && a.firing,
      ),
    ).toBeDefined();
    expect(checkout.slos[0].exhaustion.timeToExhaustionSeconds).toBeGreaterThan(
      0,
    );

    // Seeded demo incidents: a 6-day degradation spent > 20% of the budget.
    expect(search.freeze.postmortemRequired).toEqual([
      { incidentId: expect.any(String), percent: expect.any(Number) },
    ]);
    expect(search.freeze.postmortemRequired[0].percent).toBeGreaterThan(20);
    const incidents = await request(backend.server).get(
      '/api/slo/entities/default/component/search-service/incidents',
    );
    expect(incidents.body.stats).toMatchObject({ count: 2, open: 0 });
    expect(incidents.body.stats.mttaSeconds).toBeCloseTo(
      (25 * 60 + 4 * 60) / 2,
      0,
    );
    const checkoutIncidents = await request(backend.server).get(
      '/api/slo/entities/default/component/checkout-web/incidents',
    );
    expect(checkoutIncidents.body.stats.open).toBe(1);

    const gate = await request(backend.server).get(
      `/api/slo/gate/${encodeURIComponent('component:default/build-agent')}`,
    );
    expect(gate.body).toMatchObject({ decision: 'allow', slos: 0 });
  });
});

describe('slo plugin datasource selection', () => {
  it('uses a datasource added through the extension point', async () => {
    const custom = {
      name: 'custom',
      demo: false,
      fetchEvents: jest.fn(async ({ startMs, endMs, stepSeconds }) => {
        const n = Math.round((endMs - startMs) / 1000 / stepSeconds);
        return {
          startMs,
          stepSeconds,
          good: new Float64Array(n).fill(9),
          total: new Float64Array(n).fill(10),
        };
      }),
    };
    const module = createBackendModule({
      pluginId: 'slo',
      moduleId: 'custom-datasource',
      register(env) {
        env.registerInit({
          deps: { datasources: sloDatasourcesExtensionPoint },
          async init({ datasources }) {
            datasources.addDatasource(custom);
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        module,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: { slo: { datasource: 'custom', cacheTtlSeconds: 0 } },
        }),
      ],
    });
    const res = await request(backend.server).get(
      '/api/slo/entities/default/component/search-service/slos',
    );
    expect(res.body.datasource).toEqual({ name: 'custom', demo: false });
    expect(res.body.slos[0].attainment).toBeCloseTo(0.9, 12);
    expect(custom.fetchEvents).toHaveBeenCalled();
    await backend.stop();
  });
});

describe('slo plugin datasource selection, part 2', () => {
  it('reports datasource failures per SLO', async () => {
    const failing = {
      name: 'failing',
      demo: false,
      fetchEvents: async () => {
        throw new Error('upstream down');
      },
    };
    const module = createBackendModule({
      pluginId: 'slo',
      moduleId: 'failing-datasource',
      register(env) {
        env.registerInit({
          deps: { datasources: sloDatasourcesExtensionPoint },
          async init({ datasources }) {
            datasources.addDatasource(failing);
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        module,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: { slo: { datasource: 'failing' } },
        }),
      ],
    });
    const res = await request(backend.server).get(
      '/api/slo/entities/default/component/search-service/slos',
    );
    expect(res.status).toBe(200);
    expect(res.body.slos).toEqual([]);
    expect(res.body.errors).toEqual([
      { slo: 'search-service-availability', message: 'upstream down' },
    ]);
    const gate = await request(backend.server).get(
      `/api/slo/gate/${encodeURIComponent('component:default/search-service')}`,
    );
    expect(gate.body.reasons).toContain(
      'not evaluated: search-service-availability: upstream down',
    );
    await backend.stop();
  });

  it('fails to start with an unknown datasource', async () => {
    await expect(
      startTestBackend({
        features: [
          sloPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: { slo: { datasource: 'nope' } },
          }),
        ],
      }),
    ).rejects.toThrow(/slo.datasource 'nope' is unknown/);
  });
});

describe('slo plugin datasource selection, part 3', () => {
  it('builds the Prometheus datasource from config', async () => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              datasource: 'prometheus',
              prometheus: {
                baseUrl: 'http://127.0.0.1:1',
                authorization: 'Bearer x',
                retries: 0,
                timeoutMs: 500,
              },
              demo: { profiles: { x: { burnRate: 1 } } },
            },
          },
        }),
      ],
    });
    const res = await request(backend.server).get(
      '/api/slo/entities/default/component/search-service/slos',
    );
    expect(res.status).toBe(200);
    expect(res.body.datasource).toEqual({ name: 'prometheus', demo: false });
    expect(res.body.errors[0].message).toMatch(/Prometheus request failed/);
    await backend.stop();
  });
});

describe('slo plugin PagerDuty sync', () => {
  it('mirrors PagerDuty incidents of annotated entities on the schedule', async () => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://stub');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          incidents:
            url.searchParams.get('service_ids[]') === 'PCHECKOUT'
              ? [
                  {
                    id: 'PD1',
                    title: 'checkout 5xx',
                    status: 'triggered',
                    created_at: new Date().toISOString(),
                    urgency: 'high',
                  },
                ]
              : [],
          more: false,
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const entities = demoEntities().map(e =>
      e.metadata.name === 'checkout-web'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                ...e.metadata.annotations,
                'pagerduty.com/service-id': 'PCHECKOUT',
              },
            },
          }
        : e,
    );
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              pagerduty: { baseUrl: `http://127.0.0.1:${port}`, apiToken: 't' },
            },
          },
        }),
      ],
    });
    try {
      let items: any[] = [];
      for (let i = 0; i < 40 && items.length === 0; i++) {
        const res = await request(backend.server).get(
          '/api/slo/entities/default/component/checkout-web/incidents',
        );
        items = res.body.items.filter(
          (item: any) => item.source === 'pagerduty',
        );
        if (!items.length) await new Promise(r => setTimeout(r, 100));
      }
      expect(items).toEqual([
        expect.objectContaining({
          source: 'pagerduty',
          title: 'checkout 5xx',
          severity: 'P1',
          status: 'triggered',
        }),
      ]);
    } finally {
      await backend.stop();
      await new Promise<void>(r => server.close(() => r()));
    }
  });
});

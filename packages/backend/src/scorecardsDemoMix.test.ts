import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityScorecard,
  GateStatus,
  scorecardsPermissions,
} from '@gatekeeper/plugin-scorecards-common';
import {
  gatePolicyServiceFactory,
  scorecardsFactProvidersExtensionPoint,
} from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import gatePolicy from './gatePolicy';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../..');

function readEntities(file: string): Entity[] {
  const content = fs.readFileSync(file, 'utf8');
  return parseAllDocuments(content)
    .map(d => d.toJS() as Entity)
    .filter(e => e && e.kind !== 'Location')
    .map(e => ({
      ...e,
      metadata: {
        namespace: 'default',
        ...e.metadata,
        annotations: {
          ...e.metadata.annotations,
          'backstage.io/managed-by-location': `file:${file}`,
        },
      },
    }));
}

const demoRepos = [
  'payments-service',
  'checkout-web',
  'ledger-worker',
  'search-service',
  'recommendations',
  'build-agent',
  'gatekeeper-portal',
];
const entities = [
  ...readEntities(path.join(root, 'catalog-info.yaml')),
  ...demoRepos.flatMap(r =>
    readEntities(path.join(root, 'demo/repos', r, 'catalog-info.yaml')),
  ),
];

/** What the stand-in SLO backend answers for an entity's release gate. */
function sloGate(ref: string) {
  const evaluatedAt = new Date().toISOString();
  if (ref === 'component:default/search-service') {
    return {
      entityRef: ref,
      decision: 'deny',
      reasons: ['error budget exhausted'],
      slos: 1,
      evaluatedAt,
    };
  }
  if (ref === 'component:default/payments-service') {
    return {
      entityRef: ref,
      decision: 'allow',
      reasons: [],
      slos: 2,
      evaluatedAt,
    };
  }
  return undefined;
}

/** A stand-in SLO backend: search-service's error budget is exhausted. */
const fakeSloBackend = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res, next) => {
          const match = /^\/gate\/([^/]+)$/.exec(req.path);
          if (req.method !== 'GET' || !match) {
            next();
            return;
          }
          const gate = sloGate(decodeURIComponent(match[1]));
          if (gate) res.json(gate);
          else
            res
              .status(404)
              .json({ error: { name: 'NotFoundError', message: 'no SLOs' } });
        });
      },
    });
  },
});

const extraProvider = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'test-facts',
  register(env) {
    env.registerInit({
      deps: { providers: scorecardsFactProvidersExtensionPoint },
      async init({ providers }) {
        providers.addFactProvider({
          id: 'test',
          facts: ['test.module'],
          provide: async ({ entity }) => ({
            'test.module': entity.metadata.name,
          }),
        });
      },
    });
  },
});

describe('scorecards plugin on the demo data', () => {
  // The demo waivers have real dates (one valid until 2027-03-31, one expired
  // 2026-10-31): freeze only the clock so the test does not expire with them.
  beforeAll(() => {
    jest.useFakeTimers({
      now: new Date('2026-12-01T12:00:00Z'),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
  });

  const registry = mockServices.permissionsRegistry.mock();
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const cards: Record<string, EntityScorecard> = {};
  const status = (name: string, gate: string): GateStatus | undefined =>
    cards[name].gates.find(g => g.gateId === gate)?.status;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        registry.factory,
        auditor.factory,
        scorecardsPlugin,
        extraProvider,
        fakeSloBackend,
        gatePolicyServiceFactory(gatePolicy),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              seedFactsFile: path.join(root, 'demo/scorecards-facts.yaml'),
              waiversFile: path.join(root, 'demo/waivers.yaml'),
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 5 },
                initialDelay: { hours: 1 },
              },
            },
          },
        }),
      ],
    }));
  });

  it('evaluates the demo catalog into the intended mix', async () => {
    const gates = await request(server).get('/api/scorecards/gates');
    expect(gates.status).toBe(200);
    expect(gates.body.gates).toHaveLength(gatePolicy.gates.length);

    for (const name of demoRepos) {
      const res = await request(server).get(
        `/api/scorecards/entities/default/component/${name}`,
      );
      expect([name, res.status]).toEqual([name, 200]);
      cards[name] = res.body;
    }
    const summary = Object.fromEntries(
      demoRepos.map(n => [n, [cards[n].verdict, cards[n].level ?? 'none']]),
    );
    expect(summary).toEqual({
      'payments-service': ['ready', 'gold'],
      'checkout-web': ['blocked', 'none'],
      'ledger-worker': ['at-risk', 'silver'],
      'search-service': ['blocked', 'silver'],
      recommendations: ['at-risk', 'none'],
      'build-agent': ['at-risk', 'none'],
      'gatekeeper-portal': ['at-risk', 'bronze'],
    });
  });

  it('shows each demo story in the gate results', async () => {
    expect(cards['payments-service'].score).toBe(100);
    expect(status('checkout-web', 'coverage-lines')).toBe('fail');
    expect(status('ledger-worker', 'canary-analysis')).toBe('waived');
    expect(status('ledger-worker', 'data-contracts')).toBe('fail');
    expect(
      cards['ledger-worker'].gates
        .find(g => g.gateId === 'data-contracts')!
        .evidence.some(e => e.message.includes('expired')),
    ).toBe(true);
    expect(status('search-service', 'error-budget-respected')).toBe('fail');
    expect(cards.recommendations.counts.unknown).toBeGreaterThanOrEqual(10);
    expect(status('build-agent', 'coverage-lines')).toBe('stale');
    expect(status('build-agent', 'branch-protection')).toBe('stale');
    expect(status('gatekeeper-portal', 'license-compliance')).toBe('fail');
    expect(cards['gatekeeper-portal'].warnings?.join()).toContain(
      'invalid waiver',
    );
    expect(registry.addPermissions).toHaveBeenCalledWith(scorecardsPermissions);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'waiver-use',
        meta: expect.objectContaining({
          entityRef: 'component:default/ledger-worker',
          gateId: 'canary-analysis',
          trigger: 'first-read',
        }),
      }),
    );
  });

  it('labels the demo gates by evidence: seeded CI facts observed, repository files configured', async () => {
    const gate = (name: string, id: string) =>
      cards[name].gates.find(g => g.gateId === id)!;
    expect(gate('payments-service', 'coverage-lines').freshness).toMatchObject({
      kind: 'observed',
      sources: ['seed:ci'],
      ttl: 'P14D',
      stale: false,
    });
    expect(gate('payments-service', 'code-ownership').freshness).toMatchObject({
      kind: 'configured',
      sources: ['provider:repo-files'],
      stale: false,
    });
    expect(gate('build-agent', 'coverage-lines').freshness?.stale).toBe(true);
    const stale = await request(server).get(
      '/api/scorecards/overview?evidence=stale',
    );
    expect(stale.body.items.map((i: any) => i.entityRef)).toContain(
      'component:default/build-agent',
    );
    expect(stale.body.items.map((i: any) => i.entityRef)).not.toContain(
      'component:default/payments-service',
    );
  });

  it('serves facts, roll-ups and the overview of the demo', async () => {
    const facts = await request(server).get(
      '/api/scorecards/entities/default/component/payments-service/facts',
    );
    expect(facts.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fact: 'test.module',
          value: 'payments-service',
          source: 'provider:test',
        }),
        expect.objectContaining({
          fact: 'ci.coverage.lines',
          value: 91.4,
          source: 'seed:ci',
        }),
      ]),
    );

    const rollups = await request(server).get(
      '/api/scorecards/rollups?by=group',
    );
    const engineering = rollups.body.items.find(
      (r: any) => r.ref === 'group:default/engineering',
    );
    expect(engineering.entityCount).toBe(7);
    const payments = rollups.body.items.find(
      (r: any) => r.ref === 'group:default/payments-team',
    );
    expect(payments.entityCount).toBe(3);
    const domains = await request(server).get(
      '/api/scorecards/rollups?by=domain',
    );
    expect(domains.body.items.map((r: any) => [r.ref, r.entityCount])).toEqual([
      ['domain:default/commerce', 5],
    ]);
    const blocked = await request(server).get(
      '/api/scorecards/overview?verdict=blocked',
    );
    expect(blocked.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/checkout-web',
      'component:default/search-service',
    ]);
  });

  it('re-evaluates a demo entity on push', async () => {
    const push = await request(server)
      .post('/api/scorecards/facts')
      .send({
        entityRef: 'component:default/checkout-web',
        facts: { 'ci.coverage.lines': 81 },
      });
    expect(push.status).toBe(200);
    expect(push.body.scorecard.verdict).not.toBe('blocked');
  });
});

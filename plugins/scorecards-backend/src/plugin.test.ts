import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityScorecard,
  scorecardsPermissions,
} from '@gatekeeper/plugin-scorecards-common';
import {
  gatePolicyServiceFactory,
  scorecardsFactProvidersExtensionPoint,
} from '@gatekeeper/plugin-scorecards-node';
import Router from 'express-promise-router';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  fixtureEntities,
  fixturePolicy,
  fixtureSeedFacts,
  fixtureWaivers,
} from './__fixtures__/pluginFixtures';
import scorecardsPlugin from './index';

jest.setTimeout(60_000);

/** A stand-in SLO backend: `spent` has an exhausted error budget. */
const fakeSloBackend = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/gate/:ref', (req, res) => {
          const spent = req.params.ref === 'component:default/spent';
          res.json({
            entityRef: req.params.ref,
            decision: spent ? 'deny' : 'allow',
            reasons: spent ? ['error budget exhausted'] : [],
            slos: 1,
            evaluatedAt: new Date().toISOString(),
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

/** A module adding a fact provider through the extension point. */
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

describe('scorecards plugin', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-plugin-'));
  const registry = mockServices.permissionsRegistry.mock();
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'seed.yaml'), fixtureSeedFacts);
    fs.writeFileSync(path.join(dir, 'waivers.yaml'), fixtureWaivers);
    ({ server } = await startTestBackend({
      features: [
        registry.factory,
        auditor.factory,
        scorecardsPlugin,
        extraProvider,
        fakeSloBackend,
        gatePolicyServiceFactory(fixturePolicy),
        catalogServiceMock.factory({ entities: fixtureEntities }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              seedFactsFile: path.join(dir, 'seed.yaml'),
              waiversFile: path.join(dir, 'waivers.yaml'),
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

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const card = async (name: string): Promise<EntityScorecard> => {
    const res = await request(server).get(
      `/api/scorecards/entities/default/component/${name}`,
    );
    expect([name, res.status]).toEqual([name, 200]);
    return res.body;
  };

  it('registers its permissions and serves the configured policy', async () => {
    expect(registry.addPermissions).toHaveBeenCalledWith(scorecardsPermissions);
    const gates = await request(server).get('/api/scorecards/gates');
    expect(gates.status).toBe(200);
    expect(gates.body.gates.map((g: { id: string }) => g.id)).toEqual([
      'coverage',
      'error-budget',
      'module-fact',
    ]);
  });

  it('evaluates seed facts, SLO facts, module facts and file waivers', async () => {
    const good = await card('good');
    expect([good.verdict, good.level, good.score]).toEqual([
      'ready',
      'silver',
      100,
    ]);
    const spent = await card('spent');
    expect([spent.verdict, spent.level]).toEqual(['at-risk', 'bronze']);
    expect(spent.gates.find(g => g.gateId === 'error-budget')?.status).toBe(
      'fail',
    );
    const waived = await card('waived');
    expect(waived.gates.find(g => g.gateId === 'coverage')?.status).toBe(
      'waived',
    );
    expect(waived.verdict).not.toBe('blocked');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'waiver-use',
        meta: expect.objectContaining({
          entityRef: 'component:default/waived',
          gateId: 'coverage',
          waiverSource: 'file',
          trigger: 'first-read',
        }),
      }),
    );
    const facts = await request(server).get(
      '/api/scorecards/entities/default/component/good/facts',
    );
    expect(facts.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fact: 'test.module',
          source: 'provider:test',
        }),
        expect.objectContaining({
          fact: 'ci.coverage.lines',
          value: 91,
          source: 'seed:ci',
        }),
      ]),
    );
  });

  it('rolls up by group hierarchy and domain, and filters the overview', async () => {
    const groups = await request(server).get(
      '/api/scorecards/rollups?by=group',
    );
    const count = (ref: string) =>
      groups.body.items.find((r: { ref: string }) => r.ref === ref)
        ?.entityCount;
    expect(count('group:default/org')).toBe(3);
    expect(count('group:default/team-b')).toBe(2);
    const domains = await request(server).get(
      '/api/scorecards/rollups?by=domain',
    );
    expect(
      domains.body.items.map((r: { ref: string; entityCount: number }) => [
        r.ref,
        r.entityCount,
      ]),
    ).toEqual([['domain:default/commerce', 2]]);
    const atRisk = await request(server).get(
      '/api/scorecards/overview?verdict=at-risk',
    );
    expect(
      atRisk.body.items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual(['component:default/spent']);
  });

  it('re-evaluates on push', async () => {
    const push = await request(server)
      .post('/api/scorecards/facts')
      .send({
        entityRef: 'component:default/good',
        facts: { 'ci.coverage.lines': 12 },
      });
    expect(push.status).toBe(200);
    expect(push.body.scorecard.verdict).toBe('blocked');
  });
});

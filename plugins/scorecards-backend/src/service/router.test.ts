import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import express from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import { createAnnotationsProvider } from '../providers/annotationsProvider';
import { createRepoFilesProvider } from '../providers/repoFilesProvider';
import { createRouter } from './router';
import { ScorecardsService } from './ScorecardsService';
import { WaiversFile } from '../evaluation/WaiversFile';

jest.setTimeout(60_000);

const gate = (over: Record<string, unknown>): Record<string, any> => ({
  title: 'A gate title',
  category: 'quality',
  rationale: 'Because it matters a lot.',
  remediation: 'https://example.com/docs',
  ...over,
});

const policyInput = {
  version: 1,
  levels: ['bronze', 'silver'],
  gates: [
    gate({
      id: 'coverage',
      severity: 'critical',
      level: 'bronze',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
      maxAge: 'P14D',
    }),
    gate({
      id: 'code-ownership',
      severity: 'high',
      level: 'bronze',
      rules: [{ op: 'truthy', fact: 'repo.codeowners.present' }],
    }),
    gate({
      id: 'health',
      severity: 'medium',
      level: 'silver',
      rules: [{ op: 'truthy', fact: 'service.health-check' }],
    }),
  ],
};
const policy = parseGatePolicy(policyInput);

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-router-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function component(
  name: string,
  owner: string,
  system: string,
  dir: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service', owner, system, lifecycle: 'production' },
  };
}

const group = (
  name: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', parent, children },
});

describe('scorecards router', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  const goodDir = repo({ CODEOWNERS: '* @org/team\n' });
  const bareDir = repo({ 'README.md': 'hi' });
  const waiversPath = path.join(repo({}), 'waivers.yaml');
  fs.writeFileSync(
    waiversPath,
    'waivers:\n  - entityRef: component:default/bare\n    gate: code-ownership\n    reason: moving to a monorepo\n    approver: alice\n    expires: 2999-01-01\n',
  );
  const entities: Entity[] = [
    component('good', 'group:default/child', 'system:default/shop', goodDir, {
      'gatekeeper.dev/health-check': '/healthz',
    }),
    component('bare', 'parent', 'other', bareDir, {
      'gatekeeper.dev/waivers': '- gate: health\n  reason: bad\n',
    }),
    group('parent', undefined, ['child']),
    group('child', 'parent'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { owner: 'parent', domain: 'commerce' },
    },
  ];

  let app: express.Express;
  let service: ScorecardsService;
  const catalog = catalogServiceMock({ entities });
  const authorize = jest.fn();
  const createEvent = jest.fn();

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    createEvent.mockImplementation(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    }));
    const auditor = { createEvent };
    service = new ScorecardsService({
      policy,
      store,
      catalog,
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      auditor,
      providers: [
        createRepoFilesProvider(),
        createAnnotationsProvider(),
        {
          id: 'exploding',
          facts: ['x'],
          provide: async () => {
            throw new Error('boom');
          },
        },
      ],
      waiversFile: new WaiversFile(waiversPath, mockServices.logger.mock()),
      kinds: ['Component'],
    });
    const router = await createRouter({
      service,
      httpAuth: mockServices.httpAuth(),
      permissions: { authorize, authorizeConditional: jest.fn() } as any,
      auditor,
      logger: mockServices.logger.mock(),
    });
    app = express().use(router).use(mockErrorHandler());
  });

  beforeEach(() => {
    authorize.mockImplementation(async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  });

  it('serves the gates', async () => {
    const res = await request(app).get('/gates');
    expect(res.status).toBe(200);
    expect(res.body.levels).toEqual(['bronze', 'silver']);
    expect(res.body.gates.map((g: any) => g.id)).toEqual([
      'coverage',
      'code-ownership',
      'health',
    ]);
    expect(authorize.mock.calls[0][0][0].permission.name).toBe(
      'scorecards.read',
    );
  });

  it('rejects unauthenticated requests with 401 and denied ones with 403', async () => {
    const unauthenticated = await request(app)
      .get('/gates')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);
    authorize.mockImplementation(async () => [
      { result: AuthorizeResult.DENY },
    ]);
    for (const [method, url] of [
      ['get', '/gates'],
      ['get', '/entities/default/component/good'],
      ['get', '/overview'],
      ['get', '/rollups?by=group'],
      ['post', '/facts'],
      ['post', '/dry-run'],
      ['post', '/entities/default/component/good/evaluate'],
    ] as const) {
      const res = await request(app)[method](url).send({});
      expect([url, res.status]).toEqual([url, 403]);
    }
  });

  it('evaluates once on first read, then serves the stored scorecard', async () => {
    const first = await request(app).get('/entities/default/component/good');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/good',
      verdict: 'ready',
      counts: { pass: 2, unknown: 1 },
    });
    expect(first.body.level).toBeUndefined();
    const second = await request(app).get('/entities/default/component/good');
    expect(second.body.evaluatedAt).toBe(first.body.evaluatedAt);
    expect(
      (await request(app).get('/entities/default/component/missing')).status,
    ).toBe(404);
    const groupResponse = await request(app).get(
      '/entities/default/group/parent',
    );
    expect(groupResponse.status).toBe(404);
    expect(groupResponse.body.error.message).toContain(
      'scorecards cover Component',
    );
    expect(
      (await request(app).get('/entities/default/component/good/history')).body
        .points,
    ).toHaveLength(1);
    expect(
      (await request(app).get('/entities/default/component/nope/history'))
        .status,
    ).toBe(404);
  });

  it('applies file waivers (audited) and reports invalid annotation waivers', async () => {
    createEvent.mockClear();
    const res = await request(app).post(
      '/entities/default/component/bare/evaluate',
    );
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(
      res.body.gates.map((g: any) => [g.gateId, g]),
    );
    expect(byId['code-ownership'].status).toBe('waived');
    expect(byId['code-ownership'].waiver).toMatchObject({
      approver: 'alice',
      source: 'file',
    });
    expect(byId.health.status).toBe('fail');
    expect(byId.health.evidence.at(-1).message).toContain('invalid waiver');
    expect(res.body.warnings[0]).toContain('invalid waiver');
    expect(createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'waiver-use',
        meta: expect.objectContaining({
          entityRef: 'component:default/bare',
          gateId: 'code-ownership',
          approver: 'alice',
        }),
      }),
    );
  });

  it('accepts pushed facts, re-evaluates at once and is idempotent', async () => {
    const body = {
      entityRef: 'component:good',
      facts: { 'ci.coverage.lines': 62, 'ci.vulnerabilities.high': 0 },
      source: 'github-actions',
    };
    const first = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send(body);
    expect(first.status).toBe(200);
    expect(first.body.accepted).toEqual([
      'ci.coverage.lines',
      'ci.vulnerabilities.high',
    ]);
    expect(first.body.scorecard.verdict).toBe('blocked');
    const coverage = first.body.scorecard.gates[0];
    expect(coverage.evidence[0]).toMatchObject({
      value: 62,
      source: 'push:github-actions',
      message: '62 < 80',
    });

    const replay = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send(body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const history = await request(app).get(
      '/entities/default/component/good/history',
    );
    expect(history.body.points.map((p: any) => p.verdict)).toEqual([
      'ready',
      'blocked',
    ]);

    const conflict = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run-1')
      .send({ ...body, facts: { 'ci.coverage.lines': 90 } });
    expect(conflict.status).toBe(409);

    const facts = await request(app).get(
      '/entities/default/component/good/facts',
    );
    expect(
      facts.body.items.find((f: any) => f.fact === 'ci.coverage.lines'),
    ).toMatchObject({ value: 62, source: 'push:github-actions' });

    const fixed = await request(app)
      .post('/facts')
      .send({ ...body, facts: { 'ci.coverage.lines': 90 } });
    expect(fixed.body.scorecard.verdict).toBe('ready');
  });

  it.each([
    ['no body', undefined],
    ['empty facts', { entityRef: 'component:default/good', facts: {} }],
    [
      'bad fact id',
      { entityRef: 'component:default/good', facts: { 'Bad Fact': 1 } },
    ],
    ['bad entity ref', { entityRef: 'default/good', facts: { a: 1 } }],
    [
      'unknown field',
      { entityRef: 'component:default/good', facts: { a: 1 }, extra: true },
    ],
    [
      'bad observedAt',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        observedAt: 'yesterday',
      },
    ],
    [
      'future observedAt',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        observedAt: '2999-01-01T00:00:00Z',
      },
    ],
    [
      'bad source',
      {
        entityRef: 'component:default/good',
        facts: { a: 1 },
        source: 'has spaces',
      },
    ],
  ])('rejects a push with %s (400)', async (_name, body) => {
    const res = await request(app)
      .post('/facts')
      .send(body as object);
    expect(res.status).toBe(400);
  });

  it('rejects malformed JSON and long idempotency keys with 400, unknown entities with 404', async () => {
    const malformed = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send('{"entityRef":');
    expect(malformed.status).toBe(400);
    const longKey = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'k'.repeat(300))
      .send({ entityRef: 'component:default/good', facts: { a: 1 } });
    expect(longKey.status).toBe(400);
    const spacedKey = await request(app)
      .post('/facts')
      .set('Idempotency-Key', 'run 1')
      .send({ entityRef: 'component:default/good', facts: { a: 1 } });
    expect(spacedKey.status).toBe(400);
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const tooDeep = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send(`{"entityRef":"component:default/good","facts":{"a":${deep}}}`);
    expect(tooDeep.status).toBe(400);
    const deepPolicy = await request(app)
      .post('/dry-run')
      .set('Content-Type', 'application/json')
      .send(`{"policy":${deep}}`);
    expect(deepPolicy.status).toBe(400);
    const badUri = await request(app).get(
      '/entities/default/component/%E0%A4%A',
    );
    expect(badUri.status).toBe(400);
    const primitive = await request(app)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send('"just a string"');
    expect(primitive.status).toBe(400);
    const unknown = await request(app)
      .post('/facts')
      .send({ entityRef: 'component:default/ghost', facts: { a: 1 } });
    expect(unknown.status).toBe(404);
  });

  it('lists the overview with filters and pagination', async () => {
    await request(app).get('/entities/default/component/bare');
    const all = await request(app).get('/overview?limit=1');
    expect(all.status).toBe(200);
    expect(all.body.totalItems).toBe(2);
    expect(all.body.nextOffset).toBe(1);
    expect(all.body.items[0].entityRef).toBe('component:default/bare');
    const byParent = await request(app).get(
      '/overview?owner=group:default/parent',
    );
    expect(byParent.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/bare',
      'component:default/good',
    ]);
    const byChild = await request(app).get('/overview?owner=child');
    expect(byChild.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/good',
    ]);
    const byDomain = await request(app).get(
      '/overview?domain=domain:default/commerce',
    );
    expect(byDomain.body.items[0]).toMatchObject({
      system: 'system:default/shop',
      domain: 'domain:default/commerce',
    });
    const byGate = await request(app).get(
      '/overview?gate=code-ownership&status=waived',
    );
    expect(byGate.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/bare',
    ]);
    for (const bad of [
      'verdict=great',
      'limit=0',
      'limit=abc',
      'gate=coverage',
      'owner=group:',
      'unknown=1',
    ]) {
      expect([
        bad,
        (await request(app).get(`/overview?${bad}`)).status,
      ]).toEqual([bad, 400]);
    }
  });

  it('rolls up by nested group, system and domain', async () => {
    const groups = await request(app).get('/rollups?by=group');
    expect(groups.status).toBe(200);
    const parent = groups.body.items.find(
      (r: any) => r.ref === 'group:default/parent',
    );
    const child = groups.body.items.find(
      (r: any) => r.ref === 'group:default/child',
    );
    expect(parent.entityCount).toBe(2);
    expect(child.entityCount).toBe(1);
    expect(parent.gatePassRates['code-ownership']).toBe(0.5);
    const systems = await request(app).get('/rollups?by=system');
    expect(systems.body.items.map((r: any) => r.ref)).toEqual([
      'system:default/other',
      'system:default/shop',
    ]);
    const domains = await request(app).get('/rollups?by=domain');
    expect(domains.body.items).toEqual([
      expect.objectContaining({
        ref: 'domain:default/commerce',
        kind: 'domain',
        entityCount: 1,
      }),
    ]);
    expect((await request(app).get('/rollups?by=team')).status).toBe(400);
    expect((await request(app).get('/rollups')).status).toBe(400);
  });

  it('dry-runs a changed policy without storing it', async () => {
    const stricter = {
      ...policyInput,
      gates: policyInput.gates.map(g =>
        g.id === 'health' ? { ...g, severity: 'critical' } : g,
      ),
    };
    const before = await request(app).get('/overview');
    const res = await request(app).post('/dry-run').send({ policy: stricter });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityCount: 2,
      changedVerdicts: 1,
      changes: [
        expect.objectContaining({
          entityRef: 'component:default/bare',
          from: 'at-risk',
          to: 'blocked',
        }),
      ],
    });
    const after = await request(app).get('/overview');
    expect(after.body).toEqual(before.body);
    const invalid = await request(app)
      .post('/dry-run')
      .send({ policy: { version: 1, levels: [], gates: [] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('levels');
    expect((await request(app).post('/dry-run').send({ nope: 1 })).status).toBe(
      400,
    );
  });

  it('validates waivers', async () => {
    const res = await request(app)
      .post('/waivers/validate')
      .send({
        waivers: [
          {
            gate: 'health',
            reason: 'ok then',
            approver: 'a',
            expires: '2999-01-01',
          },
          { gate: 'x' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.active).toHaveLength(1);
    expect(res.body.problems).toHaveLength(1);
    expect(
      (await request(app).post('/waivers/validate').send({ waivers: 'no' }))
        .status,
    ).toBe(400);
  });

  it('loads seed facts without overwriting pushed facts', async () => {
    const seedFile = path.join(repo({}), 'seed.yaml');
    fs.writeFileSync(
      seedFile,
      [
        'facts:',
        '  - entityRef: component:default/good',
        '    observedAgo: P40D',
        '    facts: { ci.coverage.lines: 10, ci.lint.errors: 0 }',
        '  - entityRef: component:default/bare',
        '    source: seed:ci',
        '    observedAt: "2026-01-01T00:00:00Z"',
        '    facts: { ci.coverage.lines: 50 }',
      ].join('\n'),
    );
    expect(await service.loadSeedFacts(seedFile)).toBe(2);
    const good = (
      await request(app).get('/entities/default/component/good/facts')
    ).body.items;
    // ci.coverage.lines was pushed by CI earlier: kept; ci.lint.errors seeded.
    expect(good.find((f: any) => f.fact === 'ci.coverage.lines').source).toBe(
      'push:github-actions',
    );
    expect(good.find((f: any) => f.fact === 'ci.lint.errors')).toMatchObject({
      value: 0,
      source: 'seed',
    });
    const bare = (
      await request(app).get('/entities/default/component/bare/facts')
    ).body.items;
    expect(bare.find((f: any) => f.fact === 'ci.coverage.lines')).toMatchObject(
      {
        value: 50,
        source: 'seed:ci',
        observedAt: '2026-01-01T00:00:00.000Z',
      },
    );
    fs.writeFileSync(seedFile, 'facts: [{ entityRef: 1 }]');
    await expect(service.loadSeedFacts(seedFile)).rejects.toThrow();
  });

  it('refreshes all entities and removes entities gone from the catalog', async () => {
    await service.pushFacts({
      entityRef: 'component:default/good',
      facts: { 'ci.coverage.lines': 95 },
    });
    const removedDir = repo({});
    const store = (service as any).options.store as DatabaseScorecardsStore;
    await store.upsertFacts('component:default/removed', [
      { factId: 'a', value: 1, observedAt: 1, source: 's' },
    ]);
    expect(removedDir).toBeTruthy();
    const result = await service.refreshAll();
    expect(result).toEqual({ evaluated: 2, removed: 1 });
    expect(await store.listEntityRefs()).toEqual([
      'component:default/bare',
      'component:default/good',
    ]);
  });
});

import fs from 'fs';
import express from 'express';
import path from 'path';
import request from 'supertest';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import {
  policyInput,
  repo,
  useRouterFixture,
} from '../__testUtils__/routerFixture';
import { ScorecardsService } from './ScorecardsService';

jest.setTimeout(60_000);

describe('scorecards router: overview, roll-ups, policy tools, seed and refresh', () => {
  const fixture = useRouterFixture();
  let app: express.Express;
  let service: ScorecardsService;
  let store: DatabaseScorecardsStore;

  // The state router.test.ts leaves behind: both components evaluated, the
  // CI pushes of component good (coverage 62, then 90).
  beforeAll(async () => {
    ({ app, service, store } = fixture);
    await request(app).get('/entities/default/component/good').expect(200);
    await request(app)
      .post('/entities/default/component/bare/evaluate')
      .expect(200);
    const push = {
      entityRef: 'component:good',
      facts: { 'ci.coverage.lines': 62, 'ci.vulnerabilities.high': 0 },
      source: 'github-actions',
    };
    await request(app).post('/facts').send(push).expect(200);
    await request(app)
      .post('/facts')
      .send({ ...push, facts: { 'ci.coverage.lines': 90 } })
      .expect(200);
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
    await store.upsertFacts('component:default/removed', [
      { factId: 'a', value: 1, observedAt: 1, source: 's' },
    ]);
    expect(removedDir).toBeTruthy();
    const result = await service.refreshAll();
    expect(result).toEqual({ evaluated: 2, unchanged: 0, removed: 1 });
    expect(await store.listEntityRefs()).toEqual([
      'component:default/bare',
      'component:default/good',
    ]);
  });
});

import express from 'express';
import request from 'supertest';
import { useRouterFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

const refs = (res: request.Response) =>
  res.body.items.map((i: { entityRef: string }) => i.entityRef);

describe('scorecards router: evidence kind and freshness', () => {
  const fixture = useRouterFixture();
  let app: express.Express;

  beforeAll(async () => {
    app = fixture.app;
    await request(app).get('/entities/default/component/good').expect(200);
    await request(app).get('/entities/default/component/bare').expect(200);
  });

  it('labels gates decided from repository files as configured, not yet observed', async () => {
    const res = await request(app).get('/entities/default/component/good');
    const ownership = res.body.gates.find(
      (g: { gateId: string }) => g.gateId === 'code-ownership',
    );
    expect(ownership.status).toBe('pass');
    expect(ownership.evidence[0]).toMatchObject({
      source: 'provider:repo-files',
      evidenceKind: 'configured',
      message: 'true is true (configured, not yet observed)',
    });
    expect(ownership.freshness).toMatchObject({
      kind: 'configured',
      sources: ['provider:repo-files'],
      stale: false,
    });
    const facts = await request(app).get(
      '/entities/default/component/good/facts',
    );
    const codeowners = facts.body.items.find(
      (f: { fact: string }) => f.fact === 'repo.codeowners.present',
    );
    expect(codeowners.evidence).toBe('configured');
  });

  it('counts and filters the overview by configured and stale evidence', async () => {
    const before = await request(app).get('/overview');
    expect(before.body.items.map((i: any) => i.evidence)).toEqual([
      { stale: 0, configured: 2 },
      { stale: 0, configured: 2 },
    ]);
    expect(refs(await request(app).get('/overview?evidence=stale'))).toEqual(
      [],
    );
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    const pushed = await request(app)
      .post('/facts')
      .send({
        entityRef: 'component:good',
        facts: { 'ci.coverage.lines': 91 },
        observedAt: old,
      });
    expect(pushed.status).toBe(200);
    const coverage = pushed.body.scorecard.gates.find(
      (g: { gateId: string }) => g.gateId === 'coverage',
    );
    expect(coverage.status).toBe('stale');
    expect(coverage.freshness).toMatchObject({
      kind: 'observed',
      sources: ['push:ci'],
      observedAt: old,
      ttl: 'P14D',
      stale: true,
    });
    const stale = await request(app).get('/overview?evidence=stale');
    expect(refs(stale)).toEqual(['component:default/good']);
    expect(stale.body.items[0].evidence).toEqual({ stale: 1, configured: 2 });
    expect(
      refs(await request(app).get('/overview?evidence=configured')),
    ).toEqual(['component:default/bare', 'component:default/good']);
  });

  it('rejects an unknown evidence filter with 400', async () => {
    for (const bad of ['evidence=old', 'evidence=', 'evidence[]=stale']) {
      expect([
        bad,
        (await request(app).get(`/overview?${bad}`)).status,
      ]).toEqual([bad, 400]);
    }
  });
});

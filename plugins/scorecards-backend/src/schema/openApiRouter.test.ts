import express from 'express';
import request from 'supertest';
import { useRouterFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

describe('the typed OpenAPI router', () => {
  const fixture = useRouterFixture();
  let app: express.Express;
  beforeAll(() => {
    ({ app } = fixture);
  });

  it.each([
    ['/overview?verdict=nope', /request\/query\/verdict/],
    ['/overview?limit=501', /request\/query\/limit/],
    ['/overview?owner=', /query parameter 'owner'/],
    ['/overview?shape=round', /shape/],
    ['/rollups', /request\/query must have required property 'by'/],
  ])('answers GET %s with a 400 from the spec', async (url, message) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    ['/waivers/validate', { waivers: 'all' }, /request\/body\/waivers/],
    ['/dry-run', { policy: {}, extra: 1 }, /additional properties/],
    [
      '/waiver-requests/not-a-uuid/approve',
      {},
      /request\/params\/id must match format "uuid"/,
    ],
    [
      '/waiver-requests',
      {
        entityRef: 'component:default/good',
        gate: 'coverage',
        reason: ' a ',
        expires: '2099-01-01',
      },
      /request\/body\/reason/,
    ],
  ])(
    'answers POST %s %j with a 400 from the spec',
    async (url, body, message) => {
      const res = await request(app).post(url).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('leaves the facts push to its own parser and its messages', async () => {
    const res = await request(app)
      .post('/facts')
      .send({
        entityRef: 'component:default/good',
        facts: { 'ci.coverage.lines': 85 },
        provenance: { commit: 'nope' },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/commit is a SHA/);
  });

  it('serves its document', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/overview');
  });
});

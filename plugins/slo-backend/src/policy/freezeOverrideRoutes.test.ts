import request from 'supertest';
import {
  start,
  SloTestBackend,
  user,
} from '../service/__testUtils__/startSloBackend';

jest.setTimeout(30_000);

describe('slo router: freeze override', () => {
  let ctx: SloTestBackend;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

  it('freeze override: validated, audited, lifts the freeze', async () => {
    const ref = encodeURIComponent('component:default/search-service');
    const past = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
    expect(past.status).toBe(400);
    const far = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      });
    expect(far.status).toBe(400);
    const ok = await request(ctx.server)
      .post(`/api/slo/freeze/${ref}/override`)
      .set('Authorization', user())
      .send({
        reason: 'hotfix rollout',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    expect(ok.status).toBe(201);
    expect(ok.body.by).toBe('user:default/mock');
    const audit = ctx.events.find(e => e.opts.eventId === 'freeze-override');
    expect(audit.opts).toMatchObject({
      severityLevel: 'high',
      meta: { entityRef: 'component:default/search-service' },
    });
    expect(audit.success).toHaveBeenCalled();
    const gate = await request(ctx.server)
      .get(`/api/slo/gate/${ref}`)
      .set('Authorization', user());
    expect(gate.body.decision).toBe('allow');
    expect(gate.body.freeze.override).toMatchObject({
      reason: 'hotfix rollout',
    });
    expect(gate.body.reasons.join()).toMatch(
      /overridden by user:default\/mock/,
    );
  });
});

import request from 'supertest';
import {
  alertPayload,
  start,
  SloTestBackend,
  TOKEN,
  user,
} from '../service/__testUtils__/startSloBackend';

jest.setTimeout(30_000);

describe('slo router: Alertmanager webhook', () => {
  let ctx: SloTestBackend;
  beforeAll(async () => {
    ctx = await start();
  });
  afterAll(() => ctx.backend.stop());

  it('Alertmanager webhook: token required, validated, idempotent, resolves', async () => {
    const hook = (payload: unknown, token: string | null = TOKEN) => {
      const r = request(ctx.server).post('/api/slo/alertmanager/webhook');
      if (token) r.set('Authorization', `Bearer ${token}`);
      return r.send(payload as object);
    };
    const firing = alertPayload('firing', {
      service: 'search-service',
      severity: 'critical',
    });
    expect((await hook(firing, null)).status).toBe(401);
    expect((await hook(firing, 'wrong')).status).toBe(401);
    expect((await hook({ ...firing, version: '3' })).status).toBe(400);
    const created = await hook(firing);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: 1, resolved: 0, ignored: 0 });
    expect((await hook(firing)).body).toMatchObject({
      created: 0,
      unchanged: 1,
    });
    const resolved = await hook(
      alertPayload(
        'resolved',
        { service: 'search-service', severity: 'critical' },
        '2026-11-24T10:30:00Z',
      ),
    );
    expect(resolved.body).toMatchObject({ created: 0, resolved: 1 });
    expect(
      (await hook(alertPayload('firing', { team: 'x' }))).body,
    ).toMatchObject({ ignored: 1 });
    const list = await request(ctx.server)
      .get('/api/slo/entities/default/component/search-service/incidents')
      .set('Authorization', user());
    const incident = list.body.items.find(
      (i: any) => i.source === 'alertmanager',
    );
    expect(incident).toMatchObject({
      status: 'resolved',
      severity: 'P1',
      title: 'errors!',
      startedAt: '2026-11-24T10:00:00.000Z',
      resolvedAt: '2026-11-24T10:30:00.000Z',
    });
  });
});

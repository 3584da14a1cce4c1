import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('scorecards write rate limits', () => {
  it('limits every write route per caller with 429 and Retry-After', async () => {
    const { backend } = await startScorecardsBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [testComponent('svc')],
      config: { rateLimit: { writesPerMinute: 0.001, burst: 2 } },
    });
    try {
      const post = (path: string, user: string, body: object) =>
        request(backend.server)
          .post(`/api/scorecards${path}`)
          .set('Authorization', `Bearer ${mockCredentials.user.token(user)}`)
          .send(body);
      const push = {
        entityRef: 'component:default/svc',
        facts: { 'ci.coverage.lines': 90 },
      };
      expect((await post('/facts', 'user:default/a', push)).status).toBe(200);
      expect(
        (
          await post(
            '/entities/default/component/svc/evaluate',
            'user:default/a',
            {},
          )
        ).status,
      ).toBe(200);
      for (const path of [
        '/facts',
        '/entities/default/component/svc/evaluate',
        '/dry-run',
        '/waivers/validate',
      ]) {
        const res = await post(path, 'user:default/a', {});
        expect([path, res.status]).toEqual([path, 429]);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body).toMatchObject({
          error: { name: 'TooManyRequestsError' },
          response: { statusCode: 429 },
        });
      }
      expect((await post('/facts', 'user:default/b', push)).status).toBe(200);
      const read = await request(backend.server)
        .get('/api/scorecards/entities/default/component/svc')
        .set(
          'Authorization',
          `Bearer ${mockCredentials.user.token('user:default/a')}`,
        );
      expect(read.status).toBe(200);
    } finally {
      await backend.stop();
    }
  });
});

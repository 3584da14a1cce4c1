import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { createWriteRateLimiter, readWriteRateLimits } from './rateLimit';

function app(now: () => number) {
  const limiter = createWriteRateLimiter({
    writesPerMinute: 60,
    burst: 3,
    failedAuthPerMinute: 6,
    failedAuthBurst: 2,
    now,
    skip: req => req.path === '/skipped',
    identify: async req => {
      const auth = req.header('authorization');
      if (auth === 'Bearer throw') throw new Error('bad token');
      return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    },
  });
  return express()
    .use(limiter)
    .all('*', (req, res) => {
      if (!req.header('authorization')?.startsWith('Bearer ok-')) {
        res.status(401).json({ error: { name: 'AuthenticationError' } });
        return;
      }
      res.json({ ok: true });
    });
}

describe('createWriteRateLimiter', () => {
  it('limits each caller separately and answers 429 with Retry-After', async () => {
    let now = 0;
    const server = app(() => now);
    const post = (token: string) =>
      request(server).post('/x').set('Authorization', `Bearer ${token}`);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('ok-a')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await post('ok-a');
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body).toMatchObject({
      error: { name: 'TooManyRequestsError' },
      request: { method: 'POST', url: '/x' },
      response: { statusCode: 429 },
    });
    expect((await post('ok-b')).status).toBe(200);
    // Reads are never limited; skipped routes neither.
    expect(
      (await request(server).get('/x').set('Authorization', 'Bearer ok-a'))
        .status,
    ).toBe(200);
    expect(
      (
        await request(server)
          .post('/skipped')
          .set('Authorization', 'Bearer ok-a')
      ).status,
    ).toBe(200);
    now += 1000;
    expect((await post('ok-a')).status).toBe(200);
  });

  it('draws failed authentication from a per-IP bucket, never the callers', async () => {
    const server = app(() => 0);
    const junk = [];
    for (let i = 0; i < 4; i++) {
      const r = request(server).post('/x');
      junk.push(
        (await (i % 2 ? r.set('Authorization', 'Bearer throw') : r)).status,
      );
    }
    expect(junk).toEqual([401, 401, 429, 429]);
    const junkLimited = await request(server).post('/x');
    expect(Number(junkLimited.headers['retry-after'])).toBe(10);
    // The authenticated caller from the same address is unaffected.
    expect(
      (await request(server).post('/x').set('Authorization', 'Bearer ok-a'))
        .status,
    ).toBe(200);
  });

  it('reads limits from config with defaults', () => {
    expect(readWriteRateLimits(new ConfigReader({}), 'scorecards')).toEqual({
      writesPerMinute: 600,
      failedAuthPerMinute: 60,
      burst: undefined,
      failedAuthBurst: undefined,
    });
    expect(
      readWriteRateLimits(
        new ConfigReader({
          slo: { rateLimit: { writesPerMinute: 5, failedAuthPerMinute: 1 } },
        }),
        'slo',
      ),
    ).toMatchObject({ writesPerMinute: 5, failedAuthPerMinute: 1 });
  });
});

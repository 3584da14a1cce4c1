import http from 'http';
import { AddressInfo } from 'net';
import {
  HttpStatusError,
  messageOf,
  parseLinkHeader,
  PoliteHttpClient,
  RateLimitedError,
} from './PoliteHttpClient';

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  base: string,
) => void;

let server: http.Server;
let base: string;
let handler: Handler;
const seen: http.IncomingMessage[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res, base);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function client(options: { now?: () => number } = {}) {
  const sleeps: number[] = [];
  const c = new PoliteHttpClient({
    sleep: async ms => {
      sleeps.push(ms);
    },
    now: options.now ?? (() => 1_700_000_000_000),
    maxWaitMs: 120_000,
  });
  return { c, sleeps };
}

describe('PoliteHttpClient', () => {
  it('answers 304 from the ETag cache, keyed by URL and credential', async () => {
    handler = (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      json(
        res,
        200,
        { n: 1, auth: req.headers.authorization },
        { etag: '"v1"' },
      );
    };
    const { c } = client();
    const first = await c.get(`${base}/r`, { headers: { Authorization: 'a' } });
    expect(first).toMatchObject({ status: 200, notModified: false });
    const second = await c.get(`${base}/r`, {
      headers: { Authorization: 'a' },
    });
    expect(second).toMatchObject({
      status: 200,
      notModified: true,
      body: { n: 1, auth: 'a' },
    });
    // Another credential never sees the first one's cached body.
    const other = await c.get(`${base}/r`, { headers: { Authorization: 'b' } });
    expect(other).toMatchObject({ notModified: false, body: { auth: 'b' } });
    expect(seen.map(r => r.headers['if-none-match'])).toEqual([
      undefined,
      '"v1"',
      undefined,
    ]);
    expect(c.cachedEntries).toBe(2);
  });

  it('evicts the least recently used cache entry', async () => {
    handler = (req, res) =>
      json(res, 200, { url: req.url }, { etag: `"${req.url}"` });
    const c = new PoliteHttpClient({ cacheSize: 2 });
    await c.get(`${base}/a`);
    await c.get(`${base}/b`);
    await c.get(`${base}/c`);
    expect(c.cachedEntries).toBe(2);
    seen.length = 0;
    await c.get(`${base}/a`);
    expect(seen[0].headers['if-none-match']).toBeUndefined();
  });

  it('waits for retry-after on 429 and retries', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1)
        json(res, 429, { message: 'slow down' }, { 'retry-after': '7' });
      else json(res, 200, { ok: true });
    };
    const { c, sleeps } = client();
    const res = await c.get(`${base}/x`);
    expect(res.body).toEqual({ ok: true });
    expect(sleeps).toEqual([7000]);
  });

  it('backs off exponentially on 503 and gives up after maxRetries', async () => {
    handler = (_req, res) => json(res, 503, undefined);
    const { c, sleeps } = client();
    await expect(c.get(`${base}/down`)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(seen).toHaveLength(4);
  });

  it('treats a GitHub secondary rate limit (403 + message) as retryable', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1)
        json(res, 403, {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        });
      else json(res, 200, []);
    };
    const { c, sleeps } = client();
    await c.get(`${base}/s`);
    expect(sleeps).toEqual([60_000]);
  });

  it('does not retry a plain 403 or 404', async () => {
    handler = (_req, res) =>
      json(res, 403, { message: 'Resource not accessible by integration' });
    const { c, sleeps } = client();
    const res = await c.get(`${base}/forbidden`);
    expect(res.status).toBe(403);
    expect(messageOf(res.body)).toBe('Resource not accessible by integration');
    expect(sleeps).toEqual([]);
  });

  it('waits for the primary limit reset, then stops calling an exhausted origin', async () => {
    const now = 1_700_000_000_000;
    const reset = String(now / 1000 + 30);
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1)
        json(
          res,
          403,
          { message: 'API rate limit exceeded' },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': reset,
          },
        );
      else
        json(
          res,
          200,
          { ok: true },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(now / 1000 + 3600),
          },
        );
    };
    const { c, sleeps } = client({ now: () => now });
    await c.get(`${base}/limited`);
    expect(sleeps).toEqual([31_000]);
    // remaining is 0 for an hour now: no request is sent.
    const before = seen.length;
    await expect(c.get(`${base}/limited`)).rejects.toThrow(
      /rate limited until/,
    );
    expect(seen.length).toBe(before);
  });

  it('gives up at once when retry-after exceeds the allowed wait', async () => {
    handler = (_req, res) => json(res, 429, {}, { 'retry-after': '3600' });
    const { c, sleeps } = client();
    const error = await c.get(`${base}/long`).catch(e => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).until).toBeInstanceOf(Date);
    expect(sleeps).toEqual([]);
  });

  it('accepts an HTTP-date retry-after', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1)
        json(res, 503, {}, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' });
      else json(res, 200, {});
    };
    const { c, sleeps } = client({ now: () => now });
    await c.get(`${base}/date`);
    expect(sleeps).toEqual([5000]);
  });

  it('POSTs JSON with the same rate-limit back-off, never from the cache', async () => {
    const bodies: string[] = [];
    let calls = 0;
    handler = (req, res) => {
      let text = '';
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        bodies.push(text);
        calls++;
        if (calls === 1) {
          json(
            res,
            403,
            { message: 'You have exceeded a secondary rate limit' },
            {
              'retry-after': '2',
            },
          );
          return;
        }
        json(res, 200, { data: { ok: calls } }, { etag: '"same"' });
      });
    };
    const { c, sleeps } = client();
    const first = await c.post<{ data: { ok: number } }>(`${base}/graphql`, {
      headers: { Authorization: 'Bearer t' },
      body: { query: '{ ok }' },
    });
    expect(first.status).toBe(200);
    expect(first.body?.data.ok).toBe(2);
    expect(sleeps).toEqual([2000]);
    expect(bodies).toEqual(['{"query":"{ ok }"}', '{"query":"{ ok }"}']);
    expect(seen[1].method).toBe('POST');
    expect(seen[1].headers['content-type']).toBe('application/json');
    expect(seen[1].headers['if-none-match']).toBeUndefined();
    const second = await c.post<{ data: { ok: number } }>(`${base}/graphql`, {
      body: { query: '{ ok }' },
    });
    expect(second.notModified).toBe(false);
    expect(second.body?.data.ok).toBe(3);
    expect(c.cachedEntries).toBe(0);
  });

  it('follows Link rel="next" across pages and reports truncation', async () => {
    handler = (req, res, b) => {
      const page = Number(new URL(req.url!, b).searchParams.get('page') ?? 1);
      const links = [
        `<${b}/items?page=${page + 1}>; rel="next"`,
        `<${b}/items?page=3>; rel="last"`,
      ];
      json(res, 200, [page], page < 3 ? { link: links.join(', ') } : {});
    };
    const { c } = client();
    expect(await c.getAllPages(`${base}/items`)).toEqual({
      items: [1, 2, 3],
      pages: 3,
      truncated: false,
    });
    expect(await c.getAllPages(`${base}/items`, { maxPages: 2 })).toMatchObject(
      {
        items: [1, 2],
        truncated: true,
      },
    );
  });

  it('throws HttpStatusError for a failed page', async () => {
    handler = (_req, res) =>
      json(res, 404, { errors: [{ msg: 'Component not found' }] });
    const { c } = client();
    const error = await c.getAllPages(`${base}/nope`).catch(e => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.message).toBe(
      `HTTP 404 from ${base}/nope: Component not found`,
    );
  });

  it('keeps a non-JSON body as text', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    };
    const { c } = client();
    expect(await c.get(`${base}/t`)).toMatchObject({
      body: undefined,
      text: 'hello',
    });
  });
});

describe('parseLinkHeader', () => {
  it('parses relations and ignores junk', () => {
    expect(
      parseLinkHeader(
        '<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last", junk',
      ),
    ).toEqual({ next: 'https://a/x?page=2', last: 'https://a/x?page=9' });
    expect(parseLinkHeader(undefined)).toEqual({});
  });
});

describe('messageOf', () => {
  it('reads GitHub and SonarQube error shapes', () => {
    expect(messageOf({ message: 'Not Found' })).toBe('Not Found');
    expect(messageOf({ errors: [{ msg: 'a' }, { msg: 'b' }] })).toBe('a; b');
    expect(messageOf({ errors: [1] })).toBeUndefined();
    expect(messageOf('x')).toBeUndefined();
  });
});

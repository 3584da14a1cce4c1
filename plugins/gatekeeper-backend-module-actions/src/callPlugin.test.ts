import { assertError } from '@backstage/errors';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { callPlugin, parseRef } from './callPlugin';

describe('callPlugin', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Array<{ url?: string; auth?: string; key?: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({
        url: req.url,
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string | undefined,
      });
      const status = Number(req.url?.split('/')[1]);
      if (status === 200) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ ok: true }));
      } else if (status === 502) {
        res.statusCode = 502;
        res.end('<html>bad gateway</html>');
      } else {
        res.statusCode = status;
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({ error: { name: 'X', message: `m${status}` } }),
        );
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const call = (path: string, extra: object = {}) =>
    callPlugin({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      credentials: mockCredentials.user('user:default/alice'),
      pluginId: 'slo',
      path,
      ...extra,
    });

  it('sends a token on behalf of the caller and returns the JSON body', async () => {
    await expect(
      call('/200', {
        method: 'POST',
        body: {},
        headers: { 'Idempotency-Key': 'k' },
      }),
    ).resolves.toEqual({ ok: true });
    const last = seen[seen.length - 1];
    expect(last.key).toBe('k');
    expect(last.auth).toContain('user:default/alice');
    expect(last.auth).toContain('"target":"slo"');
  });

  it.each([
    ['/400', 'InputError', 'm400'],
    ['/401', 'AuthenticationError', 'm401'],
    ['/403', 'NotAllowedError', 'm403'],
    ['/404', 'NotFoundError', 'm404'],
    ['/409', 'ConflictError', 'm409'],
    ['/500', 'ServiceUnavailableError', 'm500'],
    ['/502', 'ServiceUnavailableError', 'bad gateway'],
  ])('maps %s to %s with the server message', async (path, name, text) => {
    const error: unknown = await call(path).catch(e => e);
    assertError(error);
    expect(error.name).toBe(name);
    expect(error.message).toContain(`slo GET ${path}`);
    expect(error.message).toContain(text);
  });
});

describe('parseRef', () => {
  it('defaults kind and namespace, lower-cases them and encodes the path', () => {
    expect(parseRef(' Component:Default/My_svc.v2 ')).toEqual({
      ref: 'component:default/my_svc.v2',
      kind: 'component',
      namespace: 'default',
      name: 'My_svc.v2',
      path: '/default/component/My_svc.v2',
    });
    expect(parseRef('api:team/x').ref).toBe('api:team/x');
    expect(parseRef('x').ref).toBe('component:default/x');
  });

  it('rejects malformed refs as InputError', () => {
    for (const bad of [
      'component:default/',
      ':',
      'a:b/c/d',
      'component:default/my svc',
      'component:default/..',
      'component:default/x?y',
      `component:default/${'a'.repeat(64)}`,
    ]) {
      expect(() => parseRef(bad)).toThrow(/Invalid entity ref/);
    }
  });
});

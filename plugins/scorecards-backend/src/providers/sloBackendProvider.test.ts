import { mockServices } from '@backstage/backend-test-utils';
import http from 'http';
import { AddressInfo } from 'net';
import { entity, run } from '../__testUtils__/providerHarness';
import { createSloBackendProvider } from './sloBackendProvider';

describe('SLO backend provider', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: { url?: string; auth?: string }[] = [];
  const replies: Record<string, [number, unknown]> = {
    'component:default/ok': [
      200,
      {
        entityRef: 'component:default/ok',
        decision: 'allow',
        reasons: [],
        slos: 2,
        evaluatedAt: '2026-11-24T00:00:00Z',
      },
    ],
    'component:default/frozen': [
      200,
      {
        entityRef: 'component:default/frozen',
        decision: 'deny',
        reasons: ['budget exhausted'],
        slos: 1,
      },
    ],
    'component:default/none': [
      200,
      {
        entityRef: 'component:default/none',
        decision: 'allow',
        reasons: [],
        slos: 0,
      },
    ],
    'component:default/garbage': [200, { hello: 'world' }],
    'component:default/broken': [500, { error: 'boom' }],
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      const ref = decodeURIComponent(
        (req.url ?? '').replace('/api/slo/gate/', '').split('?')[0],
      );
      const [status, body] = replies[ref] ?? [404, { error: 'not found' }];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/slo`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const provider = () =>
    createSloBackendProvider({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
  const named = (name: string) => ({
    ...entity(),
    metadata: { name, namespace: 'default' },
  });

  it('maps the gate decision with a plugin token', async () => {
    expect(await run(provider(), undefined, named('ok'))).toEqual({
      'slo.defined': true,
      'slo.error-budget.respected': true,
      'slo.gate.reasons': [],
    });
    expect(seen.at(-1)?.url).toBe(
      '/api/slo/gate/component%3Adefault%2Fok?change=normal',
    );
    expect(seen.at(-1)?.auth).toMatch(/^Bearer .+/);
    expect(await run(provider(), undefined, named('frozen'))).toEqual({
      'slo.defined': true,
      'slo.error-budget.respected': false,
      'slo.gate.reasons': ['budget exhausted'],
    });
  });

  it('leaves facts unknown on 404, errors, bad bodies and no SLOs', async () => {
    for (const name of ['missing', 'broken', 'garbage', 'none']) {
      expect(await run(provider(), undefined, named(name))).toEqual({});
    }
    const unreachable = createSloBackendProvider({
      discovery: {
        getBaseUrl: async () => 'http://127.0.0.1:1/api/slo',
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(await run(unreachable, undefined, named('ok'))).toEqual({});
  });
});

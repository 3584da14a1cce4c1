import http from 'node:http';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createSloGateClient } from './SloGateClient';

const allow = {
  entityRef: 'component:default/a b',
  decision: 'allow',
  reasons: [],
  slos: 2,
  evaluatedAt: '2026-12-03T10:00:00.000Z',
};

async function startSlo(
  status: number,
  body: unknown,
  options: { delayMs?: number } = {},
) {
  const requests: { url?: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url, authorization: req.headers.authorization });
    setTimeout(() => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    }, options.delayMs ?? 0);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    requests,
    discovery: { getBaseUrl: async () => `http://127.0.0.1:${port}/api/slo` },
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('createSloGateClient', () => {
  it('asks the gate with the token and an encoded entity ref', async () => {
    const slo = await startSlo(200, allow);
    try {
      const client = createSloGateClient({ discovery: slo.discovery });
      await expect(
        client.getGateDecision(
          { entityRef: 'component:default/a b', change: 'security' },
          { token: 't0k' },
        ),
      ).resolves.toEqual(allow);
      expect(slo.requests).toEqual([
        {
          url: '/api/slo/gate/component%3Adefault%2Fa%20b?change=security',
          authorization: 'Bearer t0k',
        },
      ]);
    } finally {
      await slo.close();
    }
  });

  it('forwards a user and replaces any other caller by its own credentials', async () => {
    const slo = await startSlo(200, allow);
    try {
      const auth = mockServices.auth();
      const client = createSloGateClient({ discovery: slo.discovery, auth });
      const ref = { entityRef: 'component:default/a b' };
      await client.getGateDecision(ref, {
        credentials: mockCredentials.user('user:default/bob'),
      });
      await client.getGateDecision(ref, {
        credentials: mockCredentials.service('external:ci'),
      });
      expect(slo.requests.map(r => r.authorization)).toEqual([
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.user('user:default/bob'),
          targetPluginId: 'slo',
        }),
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:test'),
          targetPluginId: 'slo',
        }),
      ]);
    } finally {
      await slo.close();
    }
  });

  it('refuses credentials without auth', async () => {
    const client = createSloGateClient({
      discovery: { getBaseUrl: async () => 'http://127.0.0.1:9/api/slo' },
    });
    await expect(
      client.getGateDecision(
        { entityRef: 'component:default/x' },
        { credentials: mockCredentials.user() },
      ),
    ).rejects.toThrow('needs `auth`');
  });

  it('throws a ResponseError carrying the status on an error status', async () => {
    const slo = await startSlo(404, {
      error: { name: 'NotFoundError', message: 'entity not found' },
    });
    try {
      const client = createSloGateClient({ discovery: slo.discovery });
      const error = await client
        .getGateDecision({ entityRef: 'component:default/x' }, { token: 't' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError).response.status).toBe(404);
      expect(slo.requests[0].url).toMatch(/change=normal$/);
    } finally {
      await slo.close();
    }
  });

  it.each([
    ['a list', []],
    ['an unknown decision', { ...allow, decision: 'maybe' }],
    ['reasons that are not strings', { ...allow, reasons: [1] }],
    ['a negative SLO count', { ...allow, slos: -1 }],
    ['a freeze without frozen', { ...allow, freeze: { reasons: [] } }],
  ])('rejects a body with %s', async (_name, body) => {
    const slo = await startSlo(200, body);
    try {
      const client = createSloGateClient({ discovery: slo.discovery });
      await expect(
        client.getGateDecision(
          { entityRef: 'component:default/x' },
          { token: 't' },
        ),
      ).rejects.toThrow('unexpected body');
    } finally {
      await slo.close();
    }
  });

  it('gives up after its timeout', async () => {
    const slo = await startSlo(200, allow, { delayMs: 2_000 });
    try {
      const client = createSloGateClient({
        discovery: slo.discovery,
        timeoutMs: 100,
      });
      await expect(
        client.getGateDecision(
          { entityRef: 'component:default/x' },
          { token: 't' },
        ),
      ).rejects.toThrow(/abort|timeout/i);
    } finally {
      await slo.close();
    }
  });
});

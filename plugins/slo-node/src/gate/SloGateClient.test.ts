import http from 'node:http';
import { createSloGateClient } from './SloGateClient';

async function startSlo(status: number, body: unknown) {
  const requests: { url?: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    requests,
    discovery: { getBaseUrl: async () => `http://127.0.0.1:${port}/api/slo` },
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

describe('createSloGateClient', () => {
  it('asks the gate with the token and an encoded entity ref', async () => {
    const decision = { decision: 'deny', reasons: ['budget spent'] };
    const slo = await startSlo(200, decision);
    try {
      const client = createSloGateClient({ discovery: slo.discovery });
      await expect(
        client.getGateDecision(
          { entityRef: 'component:default/a b', change: 'security' },
          { token: 't0k' },
        ),
      ).resolves.toEqual(decision);
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

  it('throws naming the status on an error status', async () => {
    const slo = await startSlo(404, {
      error: { name: 'NotFoundError', message: 'entity not found' },
    });
    try {
      const client = createSloGateClient({ discovery: slo.discovery });
      await expect(
        client.getGateDecision(
          { entityRef: 'component:default/x' },
          { token: 't' },
        ),
      ).rejects.toThrow(
        'SLO gate of component:default/x answered 404: {"error":{"name":"NotFoundError","message":"entity not found"}}',
      );
      expect(slo.requests[0].url).toMatch(/change=normal$/);
    } finally {
      await slo.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { start, type RunningServer } from './server.js';

describe('HTTP service', () => {
  let running: RunningServer;
  let base: string;
  const logs: Record<string, unknown>[] = [];

  beforeEach(async () => {
    logs.length = 0;
    running = await start({
      port: 0,
      host: '127.0.0.1',
      service: 'test-svc',
      version: '1.2.3',
      logger: createLogger({ service: 'test-svc', write: line => logs.push(JSON.parse(line)) }),
    });
    base = `http://127.0.0.1:${running.port}`;
  });

  afterEach(async () => {
    await running.close();
  });

  it('answers the health and readiness probes', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('greets, validates input and reports its version', async () => {
    const res = await fetch(`${base}/api/v1/greeting?name=Ada`);
    expect(await res.json()).toEqual({ message: 'Hello, Ada!', service: 'test-svc' });
    const bad = await fetch(`${base}/api/v1/greeting?name=${'x'.repeat(65)}`);
    expect(bad.status).toBe(400);
    const version = await fetch(`${base}/version`);
    expect(await version.json()).toEqual({ service: 'test-svc', version: '1.2.3' });
  });

  it('returns JSON errors for unknown routes and methods', async () => {
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no route for /nope' });
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('exports request metrics and logs every request as JSON', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/nope`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('http_requests_total{service="test-svc",method="GET",route="/healthz",code="200"} 1');
    expect(text).toContain('route="unmatched",code="404"} 1');
    const requestLogs = logs.filter(l => l.msg === 'request');
    expect(requestLogs[0]).toMatchObject({ level: 'info', service: 'test-svc', route: '/healthz', status: 200 });
  });

  it('reports not ready while the readiness check fails', async () => {
    const server = createServer(
      createApp({
        service: 's',
        version: 'v',
        logger: createLogger({ service: 's', write: () => {} }),
        metrics: createMetrics('s'),
        isReady: () => false,
      }),
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(res.status).toBe(503);
    await new Promise(resolve => server.close(resolve));
  });
});

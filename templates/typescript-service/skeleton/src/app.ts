import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface AppOptions {
  service: string;
  version: string;
  logger: Logger;
  metrics: Metrics;
  /** Readiness probe; the service reports not ready while this returns false. */
  isReady?: () => boolean;
}

type Handler = (req: IncomingMessage, url: URL) => { status: number; body: unknown };

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function createApp(options: AppOptions): RequestListener {
  const { logger, metrics } = options;
  const routes: Record<string, Handler> = {
    '/healthz': () => ({ status: 200, body: { status: 'ok' } }),
    '/readyz': () =>
      (options.isReady?.() ?? true)
        ? { status: 200, body: { status: 'ready' } }
        : { status: 503, body: { status: 'not ready' } },
    '/api/v1/greeting': (_req, url) => {
      const name = (url.searchParams.get('name') ?? 'world').trim();
      if (name.length === 0 || name.length > 64) {
        return { status: 400, body: { error: 'name must be 1 to 64 characters' } };
      }
      return { status: 200, body: { message: `Hello, ${name}!`, service: options.service } };
    },
    '/version': () => ({
      status: 200,
      body: { service: options.service, version: options.version },
    }),
  };

  return (req, res) => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let route = url.pathname in routes || url.pathname === '/metrics' ? url.pathname : 'unmatched';

    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.recordRequest({ method, route, code: res.statusCode }, durationMs / 1000);
      logger.info('request', {
        method,
        route,
        path: url.pathname,
        status: res.statusCode,
        durationMs,
      });
    });

    try {
      if (method !== 'GET' && method !== 'HEAD') {
        sendJson(res, 405, { error: `method ${method} not allowed` });
        return;
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(metrics.render());
        return;
      }
      const handler = routes[url.pathname];
      if (!handler) {
        route = 'unmatched';
        sendJson(res, 404, { error: `no route for ${url.pathname}` });
        return;
      }
      const { status, body } = handler(req, url);
      sendJson(res, status, body);
    } catch (error) {
      logger.error('request failed', { error, path: url.pathname });
      sendJson(res, 500, { error: 'internal error' });
    }
  };
}

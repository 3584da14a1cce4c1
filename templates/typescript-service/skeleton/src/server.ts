import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { createLogger, parseLogLevel, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';

export interface StartOptions {
  port: number;
  host?: string;
  service?: string;
  version?: string;
  logger?: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting connections and resolves once in-flight requests finish. */
  close(): Promise<void>;
}

export async function start(options: StartOptions): Promise<RunningServer> {
  const service = options.service ?? '${{ values.name }}';
  const logger =
    options.logger ??
    createLogger({ service, level: parseLogLevel(process.env.LOG_LEVEL) });
  let ready = false;
  const server = createServer(
    createApp({
      service,
      version: options.version ?? process.env.APP_VERSION ?? 'dev',
      logger,
      metrics: createMetrics(service),
      isReady: () => ready,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  ready = true;
  logger.info('listening', { port });
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        ready = false;
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}

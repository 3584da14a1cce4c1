import { createLogger, parseLogLevel } from './logger.js';
import { start } from './server.js';

const logger = createLogger({
  service: '${{ values.name }}',
  level: parseLogLevel(process.env.LOG_LEVEL),
});

const running = await start({ port: Number(process.env.PORT ?? 8080), logger });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('shutting down', { signal });
    running.close().then(
      () => process.exit(0),
      error => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}

import { describe, expect, it } from 'vitest';
import { createLogger, parseLogLevel } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => lines.push(JSON.parse(line)) };
}

describe('createLogger', () => {
  const now = () => new Date('2025-01-02T03:04:05.000Z');

  it('writes one JSON object per entry with level, service and fields', () => {
    const out = capture();
    const logger = createLogger({ service: 'svc', write: out.write, now });
    logger.info('hello', { requestId: 'r1' });
    expect(out.lines).toEqual([
      { time: '2025-01-02T03:04:05.000Z', level: 'info', service: 'svc', msg: 'hello', requestId: 'r1' },
    ]);
  });

  it('drops entries below the configured level', () => {
    const out = capture();
    const logger = createLogger({ service: 'svc', level: 'warn', write: out.write, now });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(out.lines.map(l => l.level)).toEqual(['warn', 'error']);
  });

  it('serialises errors and carries child fields', () => {
    const out = capture();
    const logger = createLogger({ service: 'svc', write: out.write, now }).child({ component: 'db' });
    logger.error('failed', { error: new Error('boom') });
    expect(out.lines[0]).toMatchObject({ component: 'db', error: { name: 'Error', message: 'boom' } });
  });
});

describe('parseLogLevel', () => {
  it('accepts known levels and defaults to info', () => {
    expect(parseLogLevel('debug')).toBe('debug');
    expect(parseLogLevel('verbose')).toBe('info');
    expect(parseLogLevel(undefined)).toBe('info');
  });
});

/** Structured JSON logging: one JSON object per line on stdout. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  fields?: LogFields;
  write?: (line: string) => void;
  now?: () => Date;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return value && value in ORDER ? (value as LogLevel) : 'info';
}

function serialiseError(value: unknown): unknown {
  return value instanceof Error
    ? { name: value.name, message: value.message, stack: value.stack }
    : value;
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const base = options.fields ?? {};

  const log = (entryLevel: LogLevel, msg: string, fields: LogFields = {}) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const extra = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, serialiseError(v)]),
    );
    write(
      JSON.stringify({
        time: now().toISOString(),
        level: entryLevel,
        service: options.service,
        msg,
        ...base,
        ...extra,
      }),
    );
  };

  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
    child: fields =>
      createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

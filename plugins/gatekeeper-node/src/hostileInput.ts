import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/**
 * True when a JSON value nests deeper than `max` (checked without
 * recursion, so a hostile body cannot overflow the stack).
 * @public
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Throws an InputError when a request body nests deeper than `max` levels
 * (call it before hashing or validating the body).
 * @public
 */
export function assertMaxDepth(value: unknown, max: number, what: string) {
  if (nestsDeeperThan(value, max)) {
    throw new InputError(`${what} nests deeper than ${max} levels`);
  }
}

/**
 * Own-property lookup: never walks the prototype chain (`__proto__`,
 * `constructor`, `toString` are ordinary, absent keys).
 * @public
 */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/**
 * An object without prototype, safe to fill with keys from user input.
 * @public
 */
export function ownRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Bounds of {@link parsePaging}.
 * @public
 */
export interface PagingBounds {
  defaultLimit?: number;
  /** Default 1000. */
  maxLimit?: number;
  /** Default 1,000,000. */
  maxOffset?: number;
}

function boundedInteger(
  raw: unknown,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) {
    throw new InputError(`${name} must be an integer from ${min} to ${max}`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new InputError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Parses `limit` and `offset` query parameters: decimal integers with
 * 1 <= limit <= maxLimit and 0 <= offset <= maxOffset, else InputError.
 * @public
 */
export function parsePaging(
  query: { limit?: unknown; offset?: unknown },
  bounds: PagingBounds = {},
): { limit: number; offset: number } {
  const maxLimit = bounds.maxLimit ?? 1000;
  return {
    limit:
      boundedInteger(query.limit, 'limit', 1, maxLimit) ??
      bounds.defaultLimit ??
      50,
    offset:
      boundedInteger(query.offset, 'offset', 0, bounds.maxOffset ?? 1e6) ?? 0,
  };
}

const CLIENT_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

function isClientError(error: unknown): boolean {
  if (!isError(error)) return false;
  if (CLIENT_ERRORS.has(error.name)) return true;
  const status = (error as { status?: unknown; statusCode?: unknown }).status;
  // body-parser errors (malformed JSON, too large, bad charset) are 4xx.
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Express error middleware for the end of a plugin router: client errors
 * pass on unchanged; anything else (a database error with its SQL, a
 * TypeError) is logged in full and answered as a generic 500 that reveals
 * nothing of the query or stack.
 * @public
 */
export function createErrorSanitizer(options: {
  logger: LoggerService;
}): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (isClientError(error)) {
      next(error);
      return;
    }
    options.logger.error(
      `Unexpected error in ${req.method} ${req.originalUrl}`,
      isError(error) ? error : new Error(String(error)),
    );
    const generic = new Error(
      'Internal error; the details are in the backend log',
    );
    generic.name = 'InternalError';
    next(generic);
  };
}

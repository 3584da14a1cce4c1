import { ConflictError, InputError } from '@backstage/errors';
import { createHash } from 'crypto';

/**
 * The recorded outcome of a request made with an `Idempotency-Key`.
 * @public
 */
export interface IdempotentResponse {
  /** What the request did, e.g. `create-incident` or `resolve:<id>`. */
  operation: string;
  /** sha256 (hex) of the operation and the request body. */
  requestHash: string;
  statusCode: number;
  body: unknown;
}

/**
 * Persistence of idempotent responses, by scope (e.g. the caller) and key.
 * Each backend adapts its own table to this interface.
 * @public
 */
export interface IdempotencyStore {
  get(options: {
    scope: string;
    key: string;
  }): Promise<IdempotentResponse | undefined>;
  /**
   * Records a response. Resolves to `false` when the scope and key were
   * already taken (a concurrent request with the same key won the race).
   */
  put(options: {
    scope: string;
    key: string;
    response: IdempotentResponse;
  }): Promise<boolean>;
}

/**
 * Result of {@link runIdempotent}.
 * @public
 */
export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  /** True when the body is the stored response of an earlier request. */
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Throws an InputError unless the key is 1-255 visible ASCII characters.
 * @public
 */
export function assertValidIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new InputError(
      'Idempotency-Key must be 1-255 visible ASCII characters',
    );
  }
}

/**
 * The hash stored with an idempotent response: sha256 of the operation and
 * the JSON of the request body.
 * @public
 */
export function idempotencyRequestHash(
  operation: string,
  requestBody: unknown,
): string {
  return createHash('sha256')
    .update(`${operation}\n${JSON.stringify(requestBody ?? {})}`)
    .digest('hex');
}

function conflict(): ConflictError {
  return new ConflictError(
    'Idempotency-Key was already used for a different request',
  );
}

function replay<T>(
  stored: IdempotentResponse,
  operation: string,
  requestHash: string,
): IdempotentResult<T> {
  if (stored.operation !== operation || stored.requestHash !== requestHash) {
    throw conflict();
  }
  return {
    statusCode: stored.statusCode,
    body: stored.body as T,
    replayed: true,
  };
}

/**
 * Runs a mutating request at most once per `Idempotency-Key`. Without a key
 * the handler simply runs. With a key, the first successful response is
 * stored (per scope) and later requests with the same key, operation and
 * body get it back with `replayed: true`; the same key with another
 * operation or body is a ConflictError, a malformed key an InputError. A
 * handler that throws stores nothing, so the request can be retried.
 * @public
 */
export async function runIdempotent<T>(options: {
  store: IdempotencyStore;
  /** Who the key belongs to (e.g. the calling principal); '' for global keys. */
  scope: string;
  key: string | undefined;
  operation: string;
  requestBody: unknown;
  handler: () => Promise<{ statusCode: number; body: T }>;
}): Promise<IdempotentResult<T>> {
  const { store, scope, key, operation, requestBody, handler } = options;
  if (key === undefined) {
    return { ...(await handler()), replayed: false };
  }
  assertValidIdempotencyKey(key);
  const requestHash = idempotencyRequestHash(operation, requestBody);
  const stored = await store.get({ scope, key });
  if (stored) {
    return replay<T>(stored, operation, requestHash);
  }
  const { statusCode, body } = await handler();
  const saved = await store.put({
    scope,
    key,
    response: { operation, requestHash, statusCode, body },
  });
  if (!saved) {
    const winner = await store.get({ scope, key });
    if (winner) {
      return replay<T>(winner, operation, requestHash);
    }
  }
  return { statusCode, body, replayed: false };
}

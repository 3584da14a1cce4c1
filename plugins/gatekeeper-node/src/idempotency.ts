import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createHash } from 'crypto';

/**
 * What is stored for a scope and `Idempotency-Key`: a reservation while the
 * first request runs, then its response.
 * @public
 */
export interface IdempotencyRecord {
  /** What the request did, e.g. `create-incident` or `resolve:<id>`. */
  operation: string;
  /** sha256 (hex) of the operation and the request body. */
  requestHash: string;
  state: 'in-progress' | 'completed';
  /** Set once completed. */
  statusCode?: number;
  /** Set once completed. */
  body?: unknown;
  /** Epoch ms after which the record is void (lease or retention). */
  expiresAt: number;
}

/**
 * Atomic persistence of idempotent requests, by scope (the caller) and key.
 * @public
 */
export interface IdempotencyStore {
  /**
   * Reserves the key unless a live record exists. Resolves to the token of
   * the new reservation, or to the live record that holds the key.
   */
  reserve(options: {
    scope: string;
    key: string;
    operation: string;
    requestHash: string;
    /** How long the reservation holds when its request never finishes. */
    leaseMs: number;
  }): Promise<
    | { reserved: true; token: string }
    | { reserved: false; existing: IdempotencyRecord }
  >;
  /** Stores the response of a reservation, kept for `ttlMs`. */
  complete(options: {
    scope: string;
    key: string;
    token: string;
    statusCode: number;
    body: unknown;
    ttlMs: number;
  }): Promise<void>;
  /** Drops a reservation (its request failed) so a retry can run. */
  release(options: {
    scope: string;
    key: string;
    token: string;
  }): Promise<void>;
  get(options: {
    scope: string;
    key: string;
  }): Promise<IdempotencyRecord | undefined>;
  /** Deletes every expired record; resolves to how many. */
  deleteExpired(): Promise<number>;
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

/**
 * Timing of {@link runIdempotent}.
 * @public
 */
export interface IdempotencyTiming {
  /** How long a completed response is replayed (default 24 h). */
  ttlMs?: number;
  /** How long a reservation of a crashed request blocks the key (default 60 s). */
  leaseMs?: number;
  /** How long a concurrent duplicate waits for the first result (default 5 s). */
  waitMs?: number;
  /** Poll interval while waiting (default 25 ms). */
  pollMs?: number;
}

/** @public */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

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
 * The hash stored with an idempotent request: sha256 of the operation and
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

/**
 * The scope of a caller's keys: the user entity ref, or `<type>:<subject>`
 * for service and other principals.
 * @public
 */
export function principalScope(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `${principal.type}:${principal.subject ?? 'unknown'}`;
}

function replay<T>(
  record: IdempotencyRecord,
  operation: string,
  requestHash: string,
): IdempotentResult<T> | undefined {
  if (record.operation !== operation || record.requestHash !== requestHash) {
    throw new ConflictError(
      'Idempotency-Key was already used for a different request',
    );
  }
  if (record.state !== 'completed') return undefined;
  return {
    statusCode: record.statusCode ?? 200,
    body: record.body as T,
    replayed: true,
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Runs a mutating request at most once per scope and `Idempotency-Key`.
 * Without a key the handler simply runs. With a key, the key is reserved
 * atomically before the handler runs; its response is stored and replayed
 * (`replayed: true`) to later requests with the same key, operation and
 * body. A concurrent duplicate waits up to `waitMs` for the first result,
 * then gets a ConflictError ("in progress"); the same key with another
 * operation or body is a ConflictError, a malformed key an InputError. A
 * handler that throws releases the reservation, so the request can be retried.
 * @public
 */
export async function runIdempotent<T>(
  options: {
    store: IdempotencyStore;
    /** Who the key belongs to, see {@link principalScope}. */
    scope: string;
    key: string | undefined;
    operation: string;
    requestBody: unknown;
    handler: () => Promise<{ statusCode: number; body: T }>;
  } & IdempotencyTiming,
): Promise<IdempotentResult<T>> {
  const { store, scope, key, operation, handler } = options;
  if (key === undefined) {
    return { ...(await handler()), replayed: false };
  }
  assertValidIdempotencyKey(key);
  const requestHash = idempotencyRequestHash(operation, options.requestBody);
  const leaseMs = options.leaseMs ?? 60_000;
  const deadline = Date.now() + (options.waitMs ?? 5_000);
  for (;;) {
    const attempt = await store.reserve({
      scope,
      key,
      operation,
      requestHash,
      leaseMs,
    });
    if (attempt.reserved) {
      let result: { statusCode: number; body: T };
      try {
        result = await handler();
      } catch (error) {
        await store.release({ scope, key, token: attempt.token });
        throw error;
      }
      await store.complete({
        scope,
        key,
        token: attempt.token,
        statusCode: result.statusCode,
        body: result.body,
        ttlMs: options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
      });
      return { ...result, replayed: false };
    }
    let record: IdempotencyRecord | undefined = attempt.existing;
    while (record) {
      const replayed = replay<T>(record, operation, requestHash);
      if (replayed) return replayed;
      if (Date.now() >= deadline) {
        throw new ConflictError(
          'A request with this Idempotency-Key is still in progress; retry later',
        );
      }
      await sleep(options.pollMs ?? 25);
      record = await store.get({ scope, key });
    }
    // The first request failed and released the key: try to take it.
  }
}

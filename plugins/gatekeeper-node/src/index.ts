/**
 * Backend helpers shared by the Gatekeeper plugins.
 *
 * @packageDocumentation
 */
export * from './resolveRepositoryLocation';
export * from './idempotency';
export * from './KnexIdempotencyStore';
export * from './TokenBucketLimiter';
export * from './rateLimit';
export * from './http/PoliteHttpClient';
export * from './hostileInput';
export * from './router';

/**
 * Backend helpers shared by the Gatekeeper plugins.
 *
 * @packageDocumentation
 */
export * from './resolveRepositoryLocation';
export * from './idempotency';
export * from './http/PoliteHttpClient';

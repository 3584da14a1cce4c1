/**
 * Contracts of the slo backend for other plugins and backend modules: the
 * datasource extension point, SLI event types and the gate client.
 *
 * @packageDocumentation
 */
export * from './datasource/types';
export * from './extensions';
export * from './math/types';
export * from './gate/SloGateClient';

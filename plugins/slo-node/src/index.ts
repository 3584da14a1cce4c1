/**
 * Extension points, datasources and the pure SLO math of the slo backend.
 *
 * @packageDocumentation
 */
export * from './datasource/types';
export * from './extensions';
export * from './math/types';
export * from './math/sloMath';
export * from './prometheus/CircuitBreaker';
export * from './prometheus/PrometheusClient';
export * from './prometheus/PrometheusDatasource';
export * from './demo/DemoDatasource';

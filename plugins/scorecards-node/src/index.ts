/**
 * Node extension points and services of the scorecards backend.
 *
 * @packageDocumentation
 */
export * from './gatePolicyServiceRef';
export * from './factProviders';
export * from './readConfigGatePolicy';
export * from './FactSink';

/**
 * Shared types, OpenSLO schema and permissions of the slo plugin.
 *
 * @packageDocumentation
 */
export * from './api/types';
export * from './permissions';

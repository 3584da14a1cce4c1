/**
 * Shared types, OpenSLO schema and permissions of the slo plugin.
 *
 * @packageDocumentation
 */
// types generated from the backend's openapi.yaml (scripts/generate-openapi.mjs)
export * from './generated/openapi';
export * from './api/types';
export * from './api/delivery';
export * from './permissions';
export * from './openslo/duration';
export * from './openslo/documents';
export * from './openslo/schema';
export * from './openslo/types';
export {
  collectOpenSloDefinitions,
  parseOpenSlo,
} from './openslo/parseOpenSlo';
export type { OpenSloDefinitions } from './openslo/parseOpenSlo';

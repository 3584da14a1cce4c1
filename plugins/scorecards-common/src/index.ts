/**
 * Shared types, the gate policy schema and permissions of the scorecards plugin.
 *
 * @packageDocumentation
 */
// types generated from the backend's openapi.yaml (scripts/generate-openapi.mjs)
export * from './generated/openapi';
export * from './policy/gatePolicySchema';
export * from './policy/campaignSchema';
export * from './api/campaigns';
export * from './policy/defineGatePolicy';
export * from './permissions/permissions';
export * from './api/types';
export * from './api/waiverRequests';
export * from './api/scoredKinds';
export * from './workflows';
export * from './policy/defaultGatePolicy';
export * from './api/releaseGate';
export * from './api/mySummary';
export * from './api/signals';

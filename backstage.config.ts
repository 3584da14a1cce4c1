/*
 * The demo's gate policy as code: packages/backend/src/gatePolicy.ts (edit it
 * there). This root entry point stays for tools and tests that read the
 * demo policy; see docs/adr/0007-zero-config-gate-policy.md.
 */
export { default } from './packages/backend/src/gatePolicy';

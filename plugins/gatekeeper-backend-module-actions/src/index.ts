/**
 * Gatekeeper actions for AI agents, registered with the Backstage actions
 * registry (and so exposed over MCP by the MCP actions backend).
 *
 * @packageDocumentation
 */
export { gatekeeperActionsFeatures as default } from './module';
export { scorecardsActionsModule, sloActionsModule } from './module';
export type { ScorecardsActionsOptions } from './scorecardsActions';
export type { SloActionsOptions } from './sloActions';

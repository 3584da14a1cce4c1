/**
 * The scorecards backend plugin: quality gates, facts, history and roll-ups.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';

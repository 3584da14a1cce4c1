/**
 * SLO backend plugin: OpenSLO error budgets, burn-rate alerts, the error
 * budget policy gate and incidents.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';

/**
 * Notifications for Gatekeeper scorecards and error budgets.
 *
 * @packageDocumentation
 */
export { scorecardsModuleNotifications as default } from './module';

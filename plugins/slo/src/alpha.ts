/**
 * New frontend system plugin of the slo views.
 *
 * @packageDocumentation
 */
export {
  default,
  sloApi,
  sloEntityCard,
  incidentsEntityCard,
  sloEntityContent,
  incidentsEntityContent,
  sloHomeWidget,
} from './alpha/plugin';

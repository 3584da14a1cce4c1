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
  deliveryMetricsEntityCard,
  deliveryRollupEntityCard,
  sloEntityContent,
  incidentsEntityContent,
  sloHomeWidget,
} from './alpha/plugin';

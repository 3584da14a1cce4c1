/**
 * SLO, error budget and incident views for Backstage entities.
 *
 * @packageDocumentation
 */
export {
  sloPlugin,
  EntitySloCard,
  EntitySloContent,
  EntityIncidentsCard,
  EntityIncidentsContent,
  EntityDeliveryMetricsCard,
  DeliveryRollupCard,
  MyServicesCard,
} from './plugin';
export type { MyServicesCardProps } from './components/MyServicesCard';
export { sloApiRef, SloClient } from './api';
export type { FreezeOverride, SloApi, SloEntityRef } from './api';
export {
  isSloAvailable,
  SLO_FILE_ANNOTATION,
  OPENSLO_ANNOTATION,
} from './isSloAvailable';

export { sloApiRef } from './SloApi';
export type { FreezeOverride, SloApi, SloEntityRef } from './SloApi';
export { SloClient } from './SloClient';

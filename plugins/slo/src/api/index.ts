export { sloApiRef } from './SloApi';
export type { SloApi, SloEntityRef } from './SloApi';
export { SloClient } from './SloClient';

export { DeliveryRollupCard } from './DeliveryRollupCard';

export { MyServicesCard, MyServicesSummary } from './MyServicesCard';
export type { MyServicesCardProps } from './MyServicesCard';

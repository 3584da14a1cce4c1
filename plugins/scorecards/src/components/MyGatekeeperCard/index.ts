export { MyGatekeeperCard } from './MyGatekeeperCard';
export type { MyGatekeeperCardProps } from './MyGatekeeperCard';

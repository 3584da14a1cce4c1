export { MyGatekeeperCard, MyGatekeeperSummary } from './MyGatekeeperCard';
export type { MyGatekeeperCardProps } from './MyGatekeeperCard';

export { sidebarContent, GatekeeperSidebar } from './SidebarContent';

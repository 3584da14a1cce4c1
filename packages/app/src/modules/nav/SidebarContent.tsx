import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  NavContentBlueprint,
  NavContentComponentProps,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import { SidebarSearchModal } from '@backstage/plugin-search';
import {
  Settings as SidebarSettings,
  UserSettingsSignInAvatar,
} from '@backstage/plugin-user-settings';
import GroupIcon from '@material-ui/icons/People';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarLogo } from './SidebarLogo';

const NavItem = (item: NavContentNavItem) => (
  <SidebarItem to={item.href} icon={() => item.icon} text={item.title} />
);

/**
 * The portal's sidebar: the Gatekeeper logo, search, the pages of the
 * installed plugins (catalog first, the rest in title order), notifications
 * and settings. Pages come from the plugins' page extensions, so a plugin
 * added to the app (or disabled in `app.extensions`) shows up (or goes) here
 * without a code change.
 */
export const GatekeeperSidebar = ({ navItems }: NavContentComponentProps) => {
  const items = navItems.withComponent(NavItem);
  // placed explicitly below, with their own sidebar widgets
  const search = navItems.take('page:search');
  const notifications = navItems.take('page:notifications');
  const settings = navItems.take('page:user-settings');

  return compatWrapper(
    <Sidebar>
      <SidebarLogo />
      {search && (
        <SidebarGroup label="Search" icon={<SearchIcon />} to={search.href}>
          <SidebarSearchModal />
        </SidebarGroup>
      )}
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {items.take('page:home')}
        {items.take('page:catalog')}
        <MyGroupsSidebarItem
          singularTitle="My Group"
          pluralTitle="My Groups"
          icon={GroupIcon}
        />
        {items.take('page:scorecards')}
        {items.take('page:scorecards/campaigns')}
        {items.take('page:api-docs')}
        {items.take('page:techdocs')}
        {items.take('page:scaffolder')}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {items.rest({ sortBy: 'title' })}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      {notifications && (
        <>
          <SidebarDivider />
          <NotificationsSidebarItem />
        </>
      )}
      {settings && (
        <>
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to={settings.href}
          >
            <SidebarSettings />
          </SidebarGroup>
        </>
      )}
    </Sidebar>,
  );
};

/** Replaces the app's nav bar with {@link GatekeeperSidebar}. */
export const sidebarContent = NavContentBlueprint.make({
  params: { component: GatekeeperSidebar },
});

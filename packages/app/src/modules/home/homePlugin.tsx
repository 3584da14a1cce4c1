import {
  createExtensionInput,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import HomeIcon from '@material-ui/icons/Home';

/** The route of the home page. */
export const homeRouteRef = createRouteRef();

/**
 * The portal's home page at `/home` (`/` redirects there, see app-config):
 * the home page widgets of the installed plugins (`home-page-widget:*`,
 * e.g. the scorecards' "My scorecards" and the SLOs' "My services"),
 * for the signed-in user's groups.
 */
export const homePage = PageBlueprint.makeWithOverrides({
  inputs: {
    widgets: createExtensionInput([homePageWidgetDataRef]),
  },
  factory(originalFactory, { inputs }) {
    const widgets = inputs.widgets.map(w => w.get(homePageWidgetDataRef));
    return originalFactory({
      path: '/home',
      title: 'Home',
      icon: <HomeIcon fontSize="inherit" />,
      noHeader: true,
      routeRef: homeRouteRef,
      loader: () =>
        import('./GatekeeperHomePage').then(m => (
          <m.GatekeeperHomePage widgets={widgets} />
        )),
    });
  },
});

/**
 * The home plugin of the portal (the extension `page:home` that the
 * plugins' home page widgets attach to).
 */
export const homePlugin = createFrontendPlugin({
  pluginId: 'home',
  title: 'Home',
  icon: <HomeIcon fontSize="inherit" />,
  routes: { root: homeRouteRef },
  extensions: [homePage],
});

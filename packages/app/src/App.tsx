import { createApp } from '@backstage/frontend-defaults';
import { appModule } from './modules/appModule';
import { homePlugin } from './modules/home';

/**
 * The Gatekeeper portal on the new frontend system. Plugins are discovered
 * from this package's dependencies (`app.packages: all` in app-config) and
 * arranged through `app.extensions`; only the portal's own nav, sign-in
 * page and home page (the plugins' home page widgets) are code.
 */
export default createApp({
  features: [appModule, homePlugin],
});

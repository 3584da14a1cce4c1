import { createApp } from '@backstage/frontend-defaults';
import { appModule } from './modules/appModule';

/**
 * The Gatekeeper portal on the new frontend system. Plugins are discovered
 * from this package's dependencies (`app.packages: all` in app-config) and
 * arranged through `app.extensions`; only the portal's own nav and sign-in
 * page are code.
 */
export default createApp({
  features: [appModule],
});

import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { sidebarContent } from './nav';
import { oidcAuthApiFactory } from '../components/signIn/oidcAuthApi';

/**
 * The sign-in page: the providers listed in `gatekeeper.signIn.providers`;
 * without it guest in development (the demo) and OIDC in production.
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      (await import('../components/signIn/ConfiguredSignInPage'))
        .ConfiguredSignInPage,
  },
});

/** The OIDC auth API the production sign-in page uses. */
export const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams => defineParams(oidcAuthApiFactory),
});

/** The portal's own customisation of the app plugin: nav, sign-in, OIDC. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebarContent, signInPage, oidcAuthApi],
});

import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { sidebarContent } from './nav';

/**
 * The demo's sign-in page: guest, entered with one click. A deployment with
 * a real provider overrides this extension (`sign-in-page:app`).
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => <SignInPage {...props} providers={['guest']} />;
    },
  },
});

/** The portal's own customisation of the app plugin: nav and sign-in. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebarContent, signInPage],
});

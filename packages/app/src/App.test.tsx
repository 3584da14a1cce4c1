import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import {
  catalogApiRef,
  defaultEntityPresentation,
  EntityPresentationApi,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import scorecardsPlugin from '@gatekeeper/plugin-scorecards/alpha';
import { screen, within } from '@testing-library/react';
import app from './App';
import { appModule, signInPage } from './modules/appModule';
import { homePlugin } from './modules/home';
import { sidebarContent } from './modules/nav';

const config = {
  app: { title: 'Gatekeeper', baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
};

const entityPresentationApi: EntityPresentationApi = {
  forEntity: entityOrRef => {
    const snapshot = defaultEntityPresentation(entityOrRef);
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

describe('App', () => {
  it('is a new frontend system app with a root element', () => {
    expect(typeof app.createRoot).toBe('function');
    expect(app.createRoot()).toBeTruthy();
  });

  it('customises the app plugin with the Gatekeeper nav and sign-in page', () => {
    expect(appModule.pluginId).toBe('app');
    expect(appModule.$$type).toBe('@backstage/FrontendModule');
  });

  it('shows the Gatekeeper logo and the installed pages in the sidebar', async () => {
    renderTestApp({
      features: [
        createFrontendModule({ pluginId: 'app', extensions: [sidebarContent] }),
        scorecardsPlugin,
        homePlugin,
      ],
      config,
      apis: [
        [catalogApiRef, catalogApiMock()],
        [entityPresentationApiRef, entityPresentationApi],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const nav = await screen.findByRole('navigation');
    expect(within(nav).getAllByLabelText('Gatekeeper').length).toBeGreaterThan(
      0,
    );
    const link = await within(nav).findByRole('link', { name: /scorecards/i });
    expect(link).toHaveAttribute('href', '/scorecards');
    const campaigns = await within(nav).findByRole('link', {
      name: /^campaigns$/i,
    });
    expect(campaigns).toHaveAttribute('href', '/campaigns');
    const home = await within(nav).findByRole('link', { name: /^home$/i });
    expect(home).toHaveAttribute('href', '/home');
    // pages that are not installed get no item
    expect(within(nav).queryByText('Search')).not.toBeInTheDocument();
  });

  it('offers guest sign-in on the sign-in page', async () => {
    const loader = createExtensionTester(signInPage).get(
      SignInPageBlueprint.dataRefs.component,
    );
    const SignIn = loader;
    await renderInTestApp(<SignIn onSignInSuccess={jest.fn()} />, { config });
    expect((await screen.findAllByText(/guest/i)).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /enter/i })).toBeInTheDocument();
  });
});

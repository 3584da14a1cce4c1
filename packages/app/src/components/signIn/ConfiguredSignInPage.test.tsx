import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { ConfiguredSignInPage, signInProviders } from './ConfiguredSignInPage';
import { oidcAuthApiRef } from './oidcAuthApi';

describe('signInProviders', () => {
  it('offers guest in development and when nothing is configured', () => {
    expect(signInProviders({ environment: 'development' })).toEqual(['guest']);
    expect(signInProviders({})).toEqual(['guest']);
  });

  it('offers OIDC in every other auth environment', () => {
    const providers = signInProviders({ environment: 'production' });
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({ id: 'oidc-auth-provider' });
  });

  it('follows gatekeeper.signIn.providers in order', () => {
    const providers = signInProviders({
      providers: ['github', 'oidc', 'guest'],
      environment: 'development',
    });
    expect(providers.map(p => (p === 'guest' ? p : p.id))).toEqual([
      'github-auth-provider',
      'oidc-auth-provider',
      'guest',
    ]);
  });

  it('rejects an unknown provider name, naming the config key', () => {
    expect(() => signInProviders({ providers: ['saml'] })).toThrow(
      "gatekeeper.signIn.providers: unknown provider 'saml'",
    );
  });
});

describe('ConfiguredSignInPage', () => {
  it('renders the OIDC card in production and no guest card', async () => {
    const config = mockApis.config({
      data: {
        app: { title: 'Gatekeeper' },
        auth: { environment: 'production' },
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [configApiRef, config],
          // no session yet: the page offers the sign-in button
          [
            oidcAuthApiRef,
            { getBackstageIdentity: jest.fn().mockResolvedValue(undefined) },
          ],
        ]}
      >
        <ConfiguredSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Single sign-on')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your organisation account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});

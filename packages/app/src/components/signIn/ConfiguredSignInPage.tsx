import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';

const knownProviders: Record<string, SignInProviderConfig> = {
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Single sign-on',
    message: 'Sign in with your organisation account',
    apiRef: oidcAuthApiRef,
  },
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in using GitHub',
    apiRef: githubAuthApiRef,
  },
};

/**
 * The sign-in providers offered, from `gatekeeper.signIn.providers`; without
 * it, guest in development and OIDC in every other `auth.environment`.
 */
export function signInProviders(options: {
  providers?: string[];
  environment?: string;
}): Array<'guest' | SignInProviderConfig> {
  const names =
    options.providers ??
    ((options.environment ?? 'development') === 'development'
      ? ['guest']
      : ['oidc']);
  return names.map(name => {
    if (name === 'guest') return 'guest';
    const provider = knownProviders[name];
    if (!provider) {
      throw new Error(
        `gatekeeper.signIn.providers: unknown provider '${name}', expected guest, oidc or github`,
      );
    }
    return provider;
  });
}

/** Backstage's SignInPage with the providers chosen in app-config. */
export const ConfiguredSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const providers = signInProviders({
    providers: config.getOptionalStringArray('gatekeeper.signIn.providers'),
    environment: config.getOptionalString('auth.environment'),
  });
  return <SignInPage {...props} auto providers={providers} />;
};

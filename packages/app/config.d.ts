export interface Config {
  gatekeeper?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in order: guest, oidc,
       * github. Defaults to guest when auth.environment is development and to
       * oidc otherwise.
       * @visibility frontend
       */
      providers?: string[];
    };
  };
}

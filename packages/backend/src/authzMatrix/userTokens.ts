import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * Test stand-in for the auth backend's token issuer: serves a JWKS at
 * `/api/auth/.well-known/jwks.json` and signs Backstage user tokens with it,
 * so the real auth service (`@backstage/backend-defaults/auth`) verifies
 * them exactly like tokens of a signed-in user.
 */
export function createUserTokenIssuer() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const kid = 'authz-matrix-key';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256' };
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');

  const plugin = createBackendPlugin({
    pluginId: 'auth',
    register(reg) {
      reg.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http }) {
          http.use((req, res, next) =>
            req.method === 'GET' && req.path === '/.well-known/jwks.json'
              ? res.json({ keys: [jwk] })
              : next(),
          );
          http.addAuthPolicy({
            path: '/.well-known',
            allow: 'unauthenticated',
          });
        },
      });
    },
  });

  /** A one-hour user token for `userEntityRef` with its ownership claims. */
  const tokenFor = (userEntityRef: string, ownership: string[]): string => {
    const iat = Math.floor(Date.now() / 1000);
    const header = encode({ alg: 'ES256', kid });
    const payload = encode({
      iss: 'http://localhost/api/auth',
      aud: 'backstage',
      sub: userEntityRef,
      ent: ownership,
      iat,
      exp: iat + 3600,
    });
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return `${header}.${payload}.${signature}`;
  };

  return { plugin, tokenFor };
}

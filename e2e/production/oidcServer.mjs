// A real OpenID Connect provider (the `oidc-provider` package, with its
// built-in login and consent pages) and a plain HTTP server for the catalog
// YAML the production profile reads (GATEKEEPER_ORG_URL, GATEKEEPER_CATALOG_URL).
// Environment: GK_OIDC_PORT, GK_ORG_PORT, GK_PROD_URL (the portal), GK_ROOT.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import Provider from 'oidc-provider';

const oidcPort = Number(process.env.GK_OIDC_PORT);
const orgPort = Number(process.env.GK_ORG_PORT);
const portal = process.env.GK_PROD_URL;
const root = process.env.GK_ROOT;

// Accounts the IdP knows. mallory has a verified email but no User entity.
const accounts = {
  ada: { email: 'ada.lovelace@gatekeeper.test', name: 'Ada Lovelace' },
  ben: { email: 'ben@gatekeeper.test', name: 'Ben Ops' },
  mallory: { email: 'mallory@gatekeeper.test', name: 'Mallory' },
};

const provider = new Provider(`http://127.0.0.1:${oidcPort}`, {
  clients: [
    {
      client_id: process.env.AUTH_OIDC_CLIENT_ID,
      client_secret: process.env.AUTH_OIDC_CLIENT_SECRET,
      redirect_uris: [`${portal}/api/auth/oidc/handler/frame`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email: account.email,
        email_verified: true,
        name: account.name,
      }),
    };
  },
  // Backstage keeps the session alive with a refresh token.
  issueRefreshToken: async (_ctx, client) =>
    client.grantTypeAllowed('refresh_token'),
  pkce: { required: () => false },
  cookies: { keys: ['gatekeeper-e2e-production-cookie-key'] },
});
provider.on('server_error', (_ctx, err) => console.error('[oidc]', err));
provider.listen(oidcPort, '127.0.0.1');

// Static YAML: /fixtures/<name>.yaml, /repo/<path>.yaml from the repository.
createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file;
  if (/^\/fixtures\/[a-z]+\.yaml$/.test(path)) {
    file = join(import.meta.dirname, path);
  } else if (path.startsWith('/repo/') && path.endsWith('.yaml')) {
    file = normalize(join(root, path.slice('/repo/'.length)));
    if (!file.startsWith(root + sep)) file = undefined;
  }
  try {
    if (!file) throw new Error('not served');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(orgPort, '127.0.0.1');

console.log(`[oidc] issuer http://127.0.0.1:${oidcPort}, org on :${orgPort}`);

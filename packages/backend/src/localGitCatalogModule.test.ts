import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { localGitCatalogModule } from './localGitCatalogModule';

jest.setTimeout(60_000);

async function registerFile(localGit: object | undefined) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-local-cat-'));
  const target = path.join(dir, 'catalog-info.yaml');
  await fs.writeFile(
    target,
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: svc }\nspec: { type: service, lifecycle: experimental, owner: team }\n',
  );
  const backend = await startTestBackend({
    features: [
      catalogBackend,
      localGitCatalogModule,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          ...(localGit && { gatekeeper: { scaffolder: { localGit } } }),
        },
      }),
    ],
  });
  try {
    return await request(backend.server)
      .post('/api/catalog/locations')
      .set('Authorization', mockCredentials.service.header())
      .send({ type: 'file', target });
  } finally {
    await backend.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('localGitCatalogModule', () => {
  it('lets the catalog accept file locations when local git publishing is on', async () => {
    const res = await registerFile({ enabled: true, root: '/srv/git' });
    expect(res.status).toBe(201);
    expect(res.body.location).toMatchObject({ type: 'file' });
  });

  it.each([undefined, { root: '/srv/git', enabled: false }, {}])(
    'keeps url-only registration when local git publishing is off (%p)',
    async root => {
      const res = await registerFile(root);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/allowed type \["url"\]/);
    },
  );
});

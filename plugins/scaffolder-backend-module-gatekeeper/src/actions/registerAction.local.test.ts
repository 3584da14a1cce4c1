import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createRegisterAction,
  resolveLocalRegisterTarget,
} from './registerAction';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
const localGit = { root: '/srv/git' };
const checkout = '/srv/git/checkouts/github.com/acme/svc';

describe('gatekeeper:catalog:register with a local git checkout', () => {
  it('registers the checkout catalog-info as a file location', async () => {
    const workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-reg-'));
    await fs.writeFile(
      path.join(workspacePath, 'catalog-info.yaml'),
      [
        'kind: Location',
        'metadata: { name: extra }',
        '---',
        'kind: Component',
        'metadata: { name: svc, namespace: Team-A }',
      ].join('\n'),
    );
    const catalog = catalogServiceMock.mock();
    catalog.addLocation.mockResolvedValue({
      location: {
        id: '1',
        type: 'file',
        target: 't',
        entityRef: 'location:default/1',
      },
      entities: [],
    });
    const action = createRegisterAction({
      catalog,
      auth: mockServices.auth(),
      integrations,
      localGit,
    });
    const ctx = createMockActionContext({
      input: { repoContentsUrl: pathToFileURL(checkout).href } as never,
      workspacePath,
    });
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: `${checkout}/catalog-info.yaml` },
      expect.anything(),
    );
    // the catalog returns no entities outside a dry run: read the file
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:team-a/svc',
    );
    await fs.remove(workspacePath);
  });

  it.each([
    'file:///etc',
    'file:///srv/git/checkouts/github.com/acme',
    'file:///srv/git/checkouts/github.com/acme/svc/sub',
    'file:///srv/git/checkouts/github.com/acme/svc/../../../../repos/x/y/z',
    'file:///srv/git/repos/github.com/acme/svc.git',
    'file:///srv/git/checkouts/github.com/.acme/svc',
  ])('refuses %s outside the published checkouts', repoContentsUrl => {
    expect(() =>
      resolveLocalRegisterTarget({
        repoContentsUrl,
        catalogInfoPath: '/catalog-info.yaml',
        localGit,
      }),
    ).toThrow(/not a repository published by/);
  });

  it('refuses file repositories when local publishing is off, and bad paths', () => {
    const repoContentsUrl = pathToFileURL(checkout).href;
    expect(() =>
      resolveLocalRegisterTarget({
        repoContentsUrl,
        catalogInfoPath: 'catalog-info.yaml',
      }),
    ).toThrow(/need gatekeeper.scaffolder.localGit.root/);
    expect(() =>
      resolveLocalRegisterTarget({
        repoContentsUrl,
        catalogInfoPath: '../other/catalog-info.yaml',
        localGit,
      }),
    ).toThrow(/must be a relative .yaml path/);
    expect(() =>
      resolveLocalRegisterTarget({
        repoContentsUrl: 'file://remote-host/srv/git/checkouts/a/b/c',
        catalogInfoPath: 'catalog-info.yaml',
        localGit,
      }),
    ).toThrow(/not a file URL/);
  });
});

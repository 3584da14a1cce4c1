/*
 * A real template task through the real scaffolder backend, started by an
 * engineer outside the platform group: fetch, checks, verify, stamp, local git
 * publish (real git) and gatekeeper:catalog:register. The catalog mock
 * enforces what Gatekeeper's permission policy enforces for that engineer:
 * users outside the platform group cannot create locations, so the task only
 * completes because register uses the scaffolder's own credentials.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  PARAMETER_SETS,
  policy,
  TEMPLATES_DIR,
} from './__testUtils__/templates';
import { git } from './lib/localGit';
import { scaffolderModuleGatekeeper } from './module';

jest.setTimeout(120_000);

const ENGINEER = 'user:default/bob';

async function templateEntity(name: string): Promise<Entity> {
  const file = path.join(TEMPLATES_DIR, name, 'template.yaml');
  const entity = parse(await fs.readFile(file, 'utf8'));
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:${file}`,
    'backstage.io/managed-by-origin-location': `file:${file}`,
  };
  return entity;
}

async function waitForTask(server: any, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}`)
      .set('Authorization', mockCredentials.user.header(ENGINEER));
    if (!['open', 'processing'].includes(res.body.status)) return res.body;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`task ${id} did not finish`);
}

describe('a golden-path task run by an engineer outside the platform group', () => {
  let root: string;
  let server: any;
  const registrations: Array<{ target: string; principal: unknown }> = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-task-git-'));
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async ref =>
        (typeof ref === 'string' ? ref : stringifyEntityRef(ref)) ===
        'template:default/typescript-service'
          ? templateEntity('typescript-service')
          : undefined,
      addLocation: async (location, options) => {
        const principal =
          options && 'credentials' in options
            ? options.credentials.principal
            : undefined;
        // Gatekeeper's policy: only the platform group creates locations
        if ((principal as { type?: string } | undefined)?.type !== 'service') {
          throw new NotAllowedError('catalog.location.create denied');
        }
        registrations.push({
          target: location.target,
          principal,
        });
        return {
          location: {
            id: 'l1',
            entityRef: 'location:default/l1',
            ...location,
            type: 'file',
          },
          // like the real catalog outside a dry run
          entities: [],
        };
      },
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleGatekeeper,
        gatePolicyServiceFactory(policy),
        catalog.factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: { github: [{ host: 'github.com' }] },
            gatekeeper: { scaffolder: { localGit: { root } } },
          },
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(() => fs.remove(root));

  it('publishes to local git, registers the entity and links it', async () => {
    const { repoVisibility, ...values } = PARAMETER_SETS[0].params;
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(ENGINEER))
      .send({
        templateRef: 'template:default/typescript-service',
        values: { ...values, repoVisibility },
      });
    expect(created.status).toBe(201);
    const task = await waitForTask(server, created.body.id);
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', mockCredentials.user.header(ENGINEER));
    const log = events.body.map((e: any) => e.body.message).join('\n');
    expect(`${task.status}\n${log}`).toMatch(/^completed\n/);
    expect(log).toContain('Skipping step publish');
    expect(task.createdBy).toBe(ENGINEER);

    const bare = path.join(root, 'repos/github.com/acme/payments-api.git');
    const checkout = path.join(root, 'checkouts/github.com/acme/payments-api');
    const files = await git(['ls-tree', '-r', '--name-only', 'main'], bare);
    expect(files.split('\n')).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        '.github/CODEOWNERS',
        '.github/workflows/ci.yml',
        '.gatekeeper/template.json',
      ]),
    );
    expect(registrations).toEqual([
      {
        target: path.join(checkout, 'catalog-info.yaml'),
        principal: expect.objectContaining({ type: 'service' }),
      },
    ]);
    expect(
      await fs.readFile(path.join(checkout, '.github/CODEOWNERS'), 'utf8'),
    ).toMatch(/@acme\/payments-team/);

    const output = (events.body as any[]).find(e => e.type === 'completion')
      ?.body.output;
    expect(output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'component:default/payments-api',
        }),
        expect.objectContaining({ url: `file://${bare}` }),
      ]),
    );
  });
});

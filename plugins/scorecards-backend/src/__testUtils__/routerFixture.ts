import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import express from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import { WaiversFile } from '../evaluation/WaiversFile';
import { createAnnotationsProvider } from '../providers/annotationsProvider';
import { createRepoFilesProvider } from '../providers/repoFilesProvider';
import { createRouter } from '../service/router';
import { ScorecardsService } from '../service/ScorecardsService';
import { DatabaseWaiverRequestStore } from '../waivers/WaiverRequestStore';
import { DatabaseCampaignStore } from '../campaigns/CampaignStore';

const gate = (over: Record<string, unknown>): Record<string, any> => ({
  title: 'A gate title',
  category: 'quality',
  rationale: 'Because it matters a lot.',
  remediation: 'https://example.com/docs',
  ...over,
});

export const policyInput = {
  version: 1,
  levels: ['bronze', 'silver'],
  gates: [
    gate({
      id: 'coverage',
      severity: 'critical',
      level: 'bronze',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
      maxAge: 'P14D',
    }),
    gate({
      id: 'code-ownership',
      severity: 'high',
      level: 'bronze',
      rules: [{ op: 'truthy', fact: 'repo.codeowners.present' }],
    }),
    gate({
      id: 'health',
      severity: 'medium',
      level: 'silver',
      rules: [{ op: 'truthy', fact: 'service.health-check' }],
      approvers: ['group:default/child'],
    }),
  ],
  waivers: { maxDays: 30 },
};
const policy = parseGatePolicy(policyInput);

export function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-router-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function component(
  name: string,
  owner: string,
  system: string,
  dir: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service', owner, system, lifecycle: 'production' },
  };
}

const group = (
  name: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', parent, children },
});

function fixtureEntities(): { entities: Entity[]; waiversPath: string } {
  const goodDir = repo({ CODEOWNERS: '* @org/team\n' });
  const bareDir = repo({ 'README.md': 'hi' });
  const waiversPath = path.join(repo({}), 'waivers.yaml');
  fs.writeFileSync(
    waiversPath,
    'waivers:\n  - entityRef: component:default/bare\n    gate: code-ownership\n    reason: moving to a monorepo\n    approver: alice\n    expires: 2999-01-01\n',
  );
  const entities: Entity[] = [
    component('good', 'group:default/child', 'system:default/shop', goodDir, {
      'gatekeeper.dev/health-check': '/healthz',
    }),
    component('bare', 'parent', 'other', bareDir, {
      'gatekeeper.dev/waivers': '- gate: health\n  reason: bad\n',
    }),
    group('parent', undefined, ['child']),
    group('child', 'parent'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { owner: 'parent', domain: 'commerce' },
    },
  ];
  return { entities, waiversPath };
}

/** What the router tests share: the app and the parts they look into. */
export interface RouterFixture {
  app: express.Express;
  service: ScorecardsService;
  store: DatabaseScorecardsStore;
  campaignStore: DatabaseCampaignStore;
  /** The permissions service's authorize (allows everything before each test). */
  authorize: jest.Mock;
  /** The auditor's createEvent. */
  createEvent: jest.Mock;
}

async function createFixture(
  databases: TestDatabases,
  fixture: RouterFixture,
): Promise<void> {
  const { entities, waiversPath } = fixtureEntities();
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseScorecardsStore.create({
    database: { getClient: async () => knex },
  });
  const { authorize, createEvent } = fixture;
  createEvent.mockImplementation(async () => ({
    success: jest.fn(async () => {}),
    fail: jest.fn(async () => {}),
  }));
  const auditor = { createEvent };
  const campaignStore = await DatabaseCampaignStore.create({
    database: { getClient: async () => knex },
  });
  const permissions = { authorize, authorizeConditional: jest.fn() } as any;
  const service = new ScorecardsService({
    policy,
    store,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    reader: mockServices.urlReader.mock(),
    logger: mockServices.logger.mock(),
    auditor,
    providers: [
      createRepoFilesProvider(),
      createAnnotationsProvider(),
      {
        id: 'exploding',
        facts: ['x'],
        provide: async () => {
          throw new Error('boom');
        },
      },
    ],
    waiversFile: new WaiversFile(waiversPath, mockServices.logger.mock()),
    kinds: ['Component'],
    waiverRequestStore: await DatabaseWaiverRequestStore.create({
      database: { getClient: async () => knex },
    }),
    campaignStore,
    permissions,
    userInfo: {
      // carol is a member of group child (an approver of gate health).
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        const groups =
          ref === 'user:default/carol' ? ['group:default/child'] : [];
        return { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] };
      },
    },
  });
  const router = await createRouter({
    service,
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    logger: mockServices.logger.mock(),
    userInfo: mockServices.userInfo(),
  });
  fixture.app = express().use(router).use(mockErrorHandler());
  fixture.service = service;
  fixture.store = store;
  fixture.campaignStore = campaignStore;
}

/**
 * Registers the hooks that build the router over a SQLite store, a fixture
 * catalog (components `good` and `bare`, groups `parent` > `child`, system
 * `shop` in domain `commerce`) and a waivers file. Call inside `describe`.
 */
export function useRouterFixture(): RouterFixture {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  const fixture = {
    authorize: jest.fn(),
    createEvent: jest.fn(),
  } as Partial<RouterFixture> as RouterFixture;
  const allowAll = () =>
    fixture.authorize.mockImplementation(async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  beforeAll(async () => {
    allowAll();
    await createFixture(databases, fixture);
  });
  beforeEach(allowAll);
  return fixture;
}

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import express from 'express';
import request from 'supertest';
import { testComponent, testPolicy } from '../../__testUtils__/testBackend';
import { DatabaseScorecardsStore } from '../../database/ScorecardsStore';
import { WaiversFile } from '../../evaluation/WaiversFile';
import { createRouter } from '../router';
import { ScorecardsService } from '../ScorecardsService';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const HIDDEN = 'component:default/a-secret';

function waived(name: string, owner: string, inDays: number): Entity {
  const expires = new Date(NOW + inDays * DAY).toISOString();
  const entity = testComponent(name, owner);
  entity.metadata.annotations = {
    'gatekeeper.dev/waivers': `- gate: owners\n  reason: moving to a monorepo\n  approver: carol\n  expires: ${expires}\n`,
  };
  return entity;
}

const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
});

const entities: Entity[] = [
  testComponent('a-blocked', 'team-a'),
  testComponent('a-ready', 'team-a'),
  waived('a-waived', 'team-a', 5),
  waived('a-waived-later', 'team-a', 60),
  testComponent('sub-at-risk', 'team-a-sub'),
  testComponent('a-secret', 'team-a'),
  testComponent('b-blocked', 'team-b'),
  group('team-a', ['team-a-sub']),
  group('team-a-sub'),
  group('team-b'),
];

const BAD = { 'ci.coverage.lines': 10, 'repo.codeowners.present': true };
const GOOD = { 'ci.coverage.lines': 95, 'repo.codeowners.present': true };
const NO_OWNERS = { 'ci.coverage.lines': 95, 'repo.codeowners.present': false };
const facts: Record<string, Record<string, unknown>> = {
  'a-blocked': BAD,
  'a-ready': GOOD,
  'a-waived': NO_OWNERS,
  'a-waived-later': NO_OWNERS,
  'sub-at-risk': NO_OWNERS,
  'a-secret': BAD,
  'b-blocked': BAD,
};

const ownership: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
  'user:default/nobody': ['user:default/nobody'],
};

const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

/** The catalog as the permission framework shows it: users never see a-secret. */
function visibilityCatalog() {
  const catalog = catalogServiceMock({ entities });
  const getEntities = catalog.getEntities.bind(catalog);
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  jest.spyOn(catalog, 'getEntities').mockImplementation(async (req, opts) => {
    const res = await getEntities(req, opts);
    if (!opts || !('credentials' in opts) || !isUser(opts.credentials)) {
      return res;
    }
    return {
      items: res.items.filter(e => e.metadata.name !== 'a-secret'),
    };
  });
  jest
    .spyOn(catalog, 'getEntityByRef')
    .mockImplementation(async (ref, opts) =>
      opts &&
      'credentials' in opts &&
      isUser(opts.credentials) &&
      ref === HIDDEN
        ? undefined
        : getEntityByRef(ref, opts),
    );
  return catalog;
}

describe('GET /me/summary', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let app: express.Express;
  let service: ScorecardsService;
  const authorize = jest.fn();
  const getUserInfo = jest.fn(async (credentials: BackstageCredentials) => {
    const userEntityRef = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
    };
  });
  const get = (header: string) =>
    request(app).get('/me/summary').set('Authorization', header);
  const asUser = (ref: string) => get(mockCredentials.user.header(ref));

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    service = new ScorecardsService({
      policy: parseGatePolicy(testPolicy),
      store,
      catalog: visibilityCatalog(),
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      auditor: mockServices.auditor.mock(),
      providers: [],
      waiversFile: new WaiversFile(undefined, mockServices.logger.mock()),
      kinds: ['Component'],
      now: () => NOW,
    });
    for (const [name, values] of Object.entries(facts)) {
      await service.pushFacts({
        entityRef: `component:default/${name}`,
        facts: values,
        observedAt: new Date(NOW - 1000).toISOString(),
      });
    }
    const router = await createRouter({
      service,
      httpAuth: mockServices.httpAuth(),
      permissions: { authorize, authorizeConditional: jest.fn() } as any,
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      userInfo: mockServices.userInfo.mock({ getUserInfo }),
    });
    app = express().use(router).use(mockErrorHandler());
  });

  beforeEach(() => {
    authorize.mockImplementation(async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  });

  it("lists the blocked and at-risk entities of the user's groups with their failing gates", async () => {
    const res = await asUser('user:default/alice');
    expect(res.status).toBe(200);
    expect(res.body.owners).toEqual([
      'group:default/team-a',
      'user:default/alice',
    ]);
    expect(res.body.entities.map((e: any) => [e.entityRef, e.verdict])).toEqual(
      [
        ['component:default/a-blocked', 'blocked'],
        ['component:default/sub-at-risk', 'at-risk'],
      ],
    );
    const [blocked, atRisk] = res.body.entities;
    expect(blocked.failingGates).toEqual([
      expect.objectContaining({
        gateId: 'coverage',
        status: 'fail',
        severity: 'critical',
        remediation: 'https://example.com/coverage',
        evidence: [expect.objectContaining({ fact: 'ci.coverage.lines' })],
      }),
    ]);
    expect(atRisk.failingGates.map((g: any) => g.gateId)).toEqual(['owners']);
  });

  it('lists the waivers expiring within 14 days, from the stored scorecards', async () => {
    const res = await asUser('user:default/alice');
    expect(res.body.waiverHorizonDays).toBe(14);
    expect(res.body.expiringWaivers).toEqual([
      {
        entityRef: 'component:default/a-waived',
        title: 'a-waived',
        owner: 'group:default/team-a',
        gateId: 'owners',
        gateTitle: 'Code owners',
        reason: 'moving to a monorepo',
        approver: 'carol',
        expiresAt: new Date(NOW + 5 * DAY).toISOString(),
        source: 'annotation',
      },
    ]);
  });

  it("never shows another team's entities nor an entity the catalog hides", async () => {
    const alice = JSON.stringify((await asUser('user:default/alice')).body);
    expect(alice).not.toContain('b-blocked');
    expect(alice).not.toContain('a-secret');
    const bob = await asUser('user:default/bob');
    expect(bob.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/b-blocked',
    ]);
    expect(JSON.stringify(bob.body)).not.toContain('team-a');
  });

  it('gives a caller without groups empty lists', async () => {
    const res = await asUser('user:default/nobody');
    expect(res.status).toBe(200);
    expect(res.body.entities).toEqual([]);
    expect(res.body.expiringWaivers).toEqual([]);
  });

  it('reads stored verdicts only, never evaluates', async () => {
    const evaluate = jest.spyOn(service, 'evaluateEntity');
    await asUser('user:default/alice');
    expect(evaluate).not.toHaveBeenCalled();
    evaluate.mockRestore();
  });

  it('answers 401 to an anonymous caller, 403 to a service or a denied user', async () => {
    expect((await get(mockCredentials.none.header())).status).toBe(401);
    expect((await get(mockCredentials.service.header())).status).toBe(403);
    authorize.mockImplementation(async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.DENY })),
    );
    expect((await asUser('user:default/alice')).status).toBe(403);
  });

  it('drops malformed ownership refs instead of failing', async () => {
    getUserInfo.mockResolvedValueOnce({
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['', 'group:default/', 'group:default/team-b'],
    });
    const res = await asUser('user:default/alice');
    expect(res.status).toBe(200);
    expect(res.body.owners).toEqual(['group:default/team-b']);
  });
});

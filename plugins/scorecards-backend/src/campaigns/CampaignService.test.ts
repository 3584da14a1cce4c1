import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { KnexIdempotencyStore } from '@gatekeeper/gatekeeper-node';
import {
  parseGatePolicy,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { CatalogLookup } from '../service/CatalogLookup';
import { policyInput } from '../__testUtils__/routerFixture';
import { CampaignService } from './CampaignService';
import { DatabaseCampaignStore } from './CampaignStore';

jest.setTimeout(60_000);

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', tags: ['java'] },
  spec: { owner, lifecycle: 'production' },
});

const summary = (
  name: string,
  gates: ScorecardSummary['gates'],
): ScorecardSummary => ({
  entityRef: `component:default/${name}`,
  verdict: 'at-risk',
  evaluatedAt: '2026-12-04T00:00:00.000Z',
  gates,
});

describe('CampaignService', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  async function setup(now: number) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseCampaignStore.create({
      database: { getClient: async () => knex },
    });
    const seen: Array<BackstageCredentials | undefined> = [];
    // Alice sees `open` only; the plugin itself sees `open` and `hidden`.
    const catalog = {
      scoredEntities: async (credentials?: BackstageCredentials) => {
        seen.push(credentials);
        const open = component('open', 'group:default/team-a');
        const hidden = component('hidden', 'group:default/team-a');
        return credentials ? [open] : [open, hidden];
      },
      getSystems: async () => new Map(),
      ownerAndDescendants: async (owner: string) => [owner],
    } as unknown as CatalogLookup;
    const service = new CampaignService({
      store,
      policy: parseGatePolicy(policyInput),
      catalog,
      listSummaries: async () => [
        summary('open', { coverage: 'fail', 'code-ownership': 'pass' }),
        summary('hidden', { coverage: 'pass', 'code-ownership': 'pass' }),
      ],
      idempotency: new KnexIdempotencyStore({ knex, table: 'idem' }),
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    return { service, store, seen };
  }

  it("computes progress over the caller's catalog view, snapshots over all", async () => {
    const now = Date.parse('2026-12-04T10:00:00.000Z');
    const { service, store, seen } = await setup(now);
    const alice = mockCredentials.user('user:default/alice');
    const created = await store.create({
      title: 'Bronze',
      owner: 'group:default/team-a',
      target: { level: 'bronze' },
      selector: { tags: ['JAVA'], lifecycles: ['production'] },
      deadline: now - 1000,
      createdBy: 'user:default/guest',
      now,
    });
    const details = await service.get(created.id, alice);
    expect(seen).toEqual([alice]);
    // Past the deadline: the remaining entity is overdue.
    expect(details.progress).toEqual({
      total: 1,
      done: 0,
      remaining: 1,
      overdue: 1,
    });
    expect(details.remainingEntities).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/open',
        status: 'overdue',
        gates: [{ gateId: 'coverage', status: 'fail' }],
      }),
    ]);
    expect(await service.recordSnapshots()).toBe(1);
    expect(seen[1]).toBeUndefined();
    const history = await store.history(created.id);
    expect(history.at(-1)?.progress).toEqual({
      total: 2,
      done: 1,
      remaining: 1,
      overdue: 1,
    });
    // A second run the same day records nothing more.
    expect(await service.recordSnapshots()).toBe(0);
  });
});

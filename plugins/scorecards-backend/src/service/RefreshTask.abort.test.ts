import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import { ScorecardsService } from './ScorecardsService';
import { WaiversFile } from '../evaluation/WaiversFile';

jest.setTimeout(60_000);

const policy = parseGatePolicy({
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'coverage',
      title: 'Coverage at least 80%',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale: 'Because it matters a lot.',
      remediation: 'https://example.com/docs',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
    },
  ],
});

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
});

// The scheduler aborts a run whose lock timed out (scorecards.schedule.
// timeout): another replica may take the run over, so this one stops.
describe('ScorecardsService.refreshAll with an aborted signal', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  it('stops evaluating, keeps every entity and reports the abort', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    await store.upsertFacts('component:default/gone', [
      { factId: 'a', value: 1, observedAt: 1, source: 's' },
    ]);
    const controller = new AbortController();
    let provided = 0;
    const service = new ScorecardsService({
      policy,
      store,
      catalog: catalogServiceMock({
        entities: ['a', 'b', 'c', 'd'].map(component),
      }),
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      auditor: mockServices.auditor.mock(),
      providers: [
        {
          id: 'aborting',
          facts: ['ci.coverage.lines'],
          provide: async () => {
            if (++provided === 2) controller.abort();
            return { 'ci.coverage.lines': 90 };
          },
        },
      ],
      waiversFile: new WaiversFile(undefined, mockServices.logger.mock()),
      kinds: ['Component'],
      concurrency: 1,
    });

    await expect(
      service.refreshAll({ signal: controller.signal }),
    ).rejects.toThrow('Scorecards refresh aborted after 2 of 4 entities');
    const summaries = await store.listAllSummaries();
    expect(summaries.map(s => s.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    // the cleanup of entities gone from the catalog did not run either
    expect(await store.listEntityRefs()).toContain('component:default/gone');

    // a and b did not change since: only c and d are evaluated
    await expect(service.refreshAll()).resolves.toEqual({
      evaluated: 2,
      unchanged: 2,
      removed: 1,
    });
  });
});

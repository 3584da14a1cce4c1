import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import { WaiversFile } from '../evaluation/WaiversFile';
import { createAnnotationsProvider } from '../providers/annotationsProvider';
import { createRepoFilesProvider } from '../providers/repoFilesProvider';
import { ScorecardsService } from './ScorecardsService';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-12-04T08:00:00Z');

const policy = parseGatePolicy({
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'codeowners',
      title: 'CODEOWNERS present',
      severity: 'high',
      category: 'ownership',
      level: 'bronze',
      rationale: 'Someone reviews every change.',
      remediation: 'https://example.com/docs',
      rules: [{ op: 'truthy', fact: 'repo.codeowners.present' }],
    },
    {
      id: 'coverage',
      title: 'Coverage at least 80%',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale: 'Tests cover the code.',
      remediation: 'https://example.com/docs',
      maxAge: 'PT2H',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
    },
  ],
});

const url = (name: string) => `https://git.example.com/org/${name}/tree/main/`;

const component = (name: string, owner = 'group:default/team'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/source-location': `url:${url(name)}` },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** Repositories served with an ETag per tree; counts full reads. */
class FakeRepositories {
  readonly trees = new Map<
    string,
    { etag: string; files: Record<string, string> }
  >();
  fullReads: string[] = [];
  notModified = 0;

  set(name: string, files: Record<string, string>) {
    const previous = this.trees.get(url(name));
    const version = previous ? Number(previous.etag.split('-')[1]) + 1 : 1;
    this.trees.set(url(name), { etag: `${name}-${version}`, files });
  }

  reader(): UrlReaderService {
    return mockServices.urlReader.mock({
      readTree: jest.fn(async (target: string, options) => {
        const tree = this.trees.get(target);
        if (!tree) throw new Error(`no tree ${target}`);
        if (options?.etag === tree.etag) {
          this.notModified++;
          throw new NotModifiedError();
        }
        this.fullReads.push(target);
        return {
          etag: tree.etag,
          files: async () =>
            Object.entries(tree.files).map(([path, text]) => ({
              path,
              content: async () => Buffer.from(text),
            })),
          archive: jest.fn(),
          dir: jest.fn(),
        };
      }) as UrlReaderService['readTree'],
    });
  }

  reset() {
    this.fullReads = [];
    this.notModified = 0;
  }
}

describe('incremental refresh', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardsStore.create({
      database: { getClient: async () => knex },
    });
    const repos = new FakeRepositories();
    for (const name of ['a', 'b', 'c']) repos.set(name, { 'README.md': name });
    const clock = { now: START };
    const saves = jest.spyOn(store, 'saveScorecard');
    const upserts = jest.spyOn(store, 'upsertFacts');
    const service = (entities: Entity[], incremental?: boolean) =>
      new ScorecardsService({
        policy,
        store,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        reader: repos.reader(),
        logger: mockServices.logger.mock(),
        auditor: mockServices.auditor.mock(),
        providers: [createRepoFilesProvider(), createAnnotationsProvider()],
        waiversFile: new WaiversFile(undefined, mockServices.logger.mock()),
        kinds: ['Component'],
        concurrency: 2,
        incremental,
        now: () => clock.now,
      });
    const evaluatedRefs = () =>
      saves.mock.calls.map(([o]) => o.scorecard.entityRef).sort();
    const reset = () => {
      repos.reset();
      saves.mockClear();
      upserts.mockClear();
    };
    return {
      store,
      repos,
      clock,
      saves,
      upserts,
      service,
      evaluatedRefs,
      reset,
    };
  }

  it.each(databases.eachSupportedId())(
    'reads and evaluates everything again with incremental: false, %p',
    async databaseId => {
      const { repos, saves, service, reset } = await setup(databaseId);
      const gatekeeper = service(
        ['a', 'b', 'c'].map(n => component(n)),
        false,
      );
      await gatekeeper.refreshAll();
      reset();
      await expect(gatekeeper.refreshAll()).resolves.toEqual({
        evaluated: 3,
        unchanged: 0,
        removed: 0,
      });
      expect(repos.fullReads).toHaveLength(3);
      expect(repos.notModified).toBe(0);
      expect(saves).toHaveBeenCalledTimes(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads nothing in full and evaluates nothing when nothing changed, %p',
    async databaseId => {
      const { repos, saves, upserts, service, reset } = await setup(databaseId);
      const entities = ['a', 'b', 'c'].map(n => component(n));
      const gatekeeper = service(entities);

      await expect(gatekeeper.refreshAll()).resolves.toEqual({
        evaluated: 3,
        unchanged: 0,
        removed: 0,
      });
      expect(repos.fullReads).toHaveLength(3);
      expect(saves).toHaveBeenCalledTimes(3);

      reset();
      await expect(gatekeeper.refreshAll()).resolves.toEqual({
        evaluated: 0,
        unchanged: 3,
        removed: 0,
      });
      expect(repos.fullReads).toEqual([]);
      expect(repos.notModified).toBe(3);
      expect(saves).not.toHaveBeenCalled();
      expect(upserts).not.toHaveBeenCalled();
    },
  );

  it.each(databases.eachSupportedId())(
    're-evaluates only the entity whose repository changed, %p',
    async databaseId => {
      const { repos, store, service, evaluatedRefs, reset } = await setup(
        databaseId,
      );
      const gatekeeper = service(['a', 'b', 'c'].map(n => component(n)));
      await gatekeeper.refreshAll();
      const before = await store.getScorecard('component:default/b');
      expect(before?.gates[0].status).toBe('fail');

      reset();
      repos.set('b', { 'README.md': 'b', CODEOWNERS: '* @org/team' });
      await expect(gatekeeper.refreshAll()).resolves.toMatchObject({
        evaluated: 1,
        unchanged: 2,
      });
      expect(repos.fullReads).toEqual([url('b')]);
      expect(evaluatedRefs()).toEqual(['component:default/b']);
      const after = await store.getScorecard('component:default/b');
      expect(after?.gates[0].status).toBe('pass');

      // A commit to a file no provider reads: read again, not re-evaluated,
      // and the new ETag is remembered.
      reset();
      repos.set('c', { 'README.md': 'c, reworded' });
      await expect(gatekeeper.refreshAll()).resolves.toMatchObject({
        evaluated: 0,
        unchanged: 3,
      });
      expect(repos.fullReads).toEqual([url('c')]);
      reset();
      await gatekeeper.refreshAll();
      expect(repos.fullReads).toEqual([]);
      expect(repos.notModified).toBe(3);
    },
  );

  it.each(databases.eachSupportedId())(
    're-evaluates an entity whose catalog entry changed, and removes state of gone entities, %p',
    async databaseId => {
      const { repos, service, evaluatedRefs, reset, store } = await setup(
        databaseId,
      );
      await service(['a', 'b', 'c'].map(n => component(n))).refreshAll();

      reset();
      const changed = [
        component('a'),
        component('b', 'group:default/other-team'),
      ];
      await expect(service(changed).refreshAll()).resolves.toEqual({
        evaluated: 1,
        unchanged: 1,
        removed: 1,
      });
      expect(evaluatedRefs()).toEqual(['component:default/b']);
      // the repository itself did not change: only conditional reads first
      expect(repos.fullReads).toEqual([url('b')]);
      expect([...(await store.refreshState.getAll()).keys()].sort()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    're-evaluates when a fact may have gone stale, and after a push only the pushed entity, %p',
    async databaseId => {
      const { clock, service, evaluatedRefs, reset, store } = await setup(
        databaseId,
      );
      const gatekeeper = service(['a', 'b', 'c'].map(n => component(n)));
      await gatekeeper.pushFacts({
        entityRef: 'component:default/a',
        facts: { 'ci.coverage.lines': 90 },
      });
      await gatekeeper.refreshAll();
      expect(
        (await store.getScorecard('component:default/a'))?.gates[1].status,
      ).toBe('pass');

      reset();
      clock.now += HOUR;
      await gatekeeper.pushFacts({
        entityRef: 'component:default/b',
        facts: { 'ci.coverage.lines': 95 },
      });
      expect(evaluatedRefs()).toEqual(['component:default/b']);
      reset();
      await expect(gatekeeper.refreshAll()).resolves.toMatchObject({
        evaluated: 0,
        unchanged: 3,
      });

      // a's coverage was observed 2 h + 1 ms ago: its gate turns stale
      clock.now += HOUR + 1;
      reset();
      await expect(gatekeeper.refreshAll()).resolves.toMatchObject({
        evaluated: 1,
      });
      expect(evaluatedRefs()).toEqual(['component:default/a']);
      expect(
        (await store.getScorecard('component:default/a'))?.gates[1].status,
      ).toBe('stale');
    },
  );
});

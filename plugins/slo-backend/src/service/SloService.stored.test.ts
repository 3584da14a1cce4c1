import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SliEventsRequest, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { CachingDatasource } from '../cache/CachingDatasource';
import { createSloStores } from '../database/SloStores';
import { DEFAULT_POLICY } from '../policy/errorBudgetPolicy';
import { refreshStoredReports } from './sloReportRefreshTask';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const MIN = 60_000;
const T0 = Date.parse('2026-11-24T12:00:00Z');

const sloYaml = (name: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata: {name: ${name}}
spec:
  service: svc
  indicator:
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: g}}}
        total: {metricSource: {type: Prometheus, spec: {query: t}}}
  timeWindow: [{duration: 1d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`;

const entity = (yaml = sloYaml('avail')): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    namespace: 'default',
    annotations: { 'gatekeeper.dev/openslo': yaml },
  },
  spec: {},
});

/** 100 events per minute; the minute ending at m has 5 bad when m % 7 == 0. */
function countingDatasource() {
  const calls: SliEventsRequest[] = [];
  const datasource: SloDatasource = {
    name: 'fake',
    demo: false,
    async fetchEvents(request) {
      calls.push(request);
      const n = Math.round(
        (request.endMs - request.startMs) / 1000 / request.stepSeconds,
      );
      const total = new Float64Array(n).fill(100);
      const good = Float64Array.from({ length: n }, (_, i) =>
        ((request.startMs + (i + 1) * MIN) / MIN) % 7 === 0 ? 95 : 100,
      );
      return {
        startMs: request.startMs,
        stepSeconds: request.stepSeconds,
        good,
        total,
      };
    },
  };
  return { datasource, calls };
}

describe('SloService stored reports', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const stores = await createSloStores({ database });
    const clock = { now: T0 };
    const { datasource, calls } = countingDatasource();
    const logger = mockServices.logger.mock();
    const service = new SloService({
      catalog: catalogServiceMock({ entities: [entity()] }),
      urlReader: mockServices.urlReader.mock(),
      datasource: new CachingDatasource({
        datasource,
        store: stores.buckets,
        logger,
        settleSeconds: 0,
        now: () => clock.now,
      }),
      incidents: stores.incidents,
      freezeOverrides: stores.freezeOverrides,
      reports: stores.reports,
      storedMaxAgeSeconds: 600,
      logger,
      policy: DEFAULT_POLICY,
      stepSeconds: 60,
      cacheTtlSeconds: 0,
      now: () => clock.now,
    });
    return { service, stores, clock, calls, logger };
  }

  it.each(databases.eachSupportedId())(
    'serves the stored report without querying the datasource, %p',
    async id => {
      const { service, clock, calls } = await setup(id);
      const computed = await service.report(entity());
      expect(computed).toMatchObject({
        stored: false,
        computedAt: new Date(T0).toISOString(),
      });
      expect(calls).toHaveLength(1); // one fetch per SLO
      calls.length = 0;

      expect(await service.refreshStoredReport(entity())).toBe('stored');
      clock.now += 30_000;
      for (let i = 0; i < 5; i++) {
        const stored = await service.report(entity());
        expect(stored.stored).toBe(true);
        expect(stored.computedAt).toBe(new Date(T0).toISOString());
        expect(stored.slos).toEqual(computed.slos);
        expect(stored.freeze).toEqual(computed.freeze);
      }
      expect(calls).toHaveLength(0);
      // ?at= is a historical question: always computed.
      expect(
        (await service.report(entity(), { at: T0 - 60 * MIN })).stored,
      ).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'recomputes when a new bucket arrives, fetching only that bucket, %p',
    async id => {
      const { service, clock, calls } = await setup(id);
      expect(await service.refreshStoredReport(entity())).toBe('stored');
      expect(calls).toHaveLength(1);
      expect(await service.refreshStoredReport(entity())).toBe('unchanged');
      expect(calls).toHaveLength(1); // everything settled: no query at all

      clock.now += 7 * MIN;
      expect(await service.refreshStoredReport(entity())).toBe('stored');
      expect(calls).toHaveLength(2);
      expect(calls[1].endMs - calls[1].startMs).toBe(7 * MIN);
      const report = await service.report(entity());
      expect(report).toMatchObject({
        stored: true,
        computedAt: new Date(clock.now).toISOString(),
      });
      // Same answer as computing the whole window directly.
      const direct = await service.report(entity(), { at: clock.now });
      expect(report.slos).toEqual(direct.slos);
    },
  );

  it.each(databases.eachSupportedId())(
    'falls back to computing on a miss: other definitions, stale report, new incident, %p',
    async id => {
      const { service, stores, clock } = await setup(id);
      await service.refreshStoredReport(entity());
      expect((await service.report(entity())).stored).toBe(true);

      const changed = entity(sloYaml('latency'));
      const report = await service.report(changed);
      expect(report.stored).toBe(false);
      expect(report.slos.map(s => s.name)).toEqual(['latency']);

      await stores.incidents.createIncident({
        entityRef: 'component:default/svc',
        title: 'outage',
        severity: 'P1',
        source: 'manual',
        startedAt: new Date(T0 - 30 * MIN).toISOString(),
      });
      expect((await service.report(entity())).stored).toBe(false);
      await service.refreshStoredReport(entity());
      expect((await service.report(entity())).stored).toBe(true);

      clock.now += 11 * 60_000;
      expect((await service.report(entity())).stored).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'the refresh writes changed reports, confirms unchanged ones and reports failures, %p',
    async id => {
      const { service, stores, clock, logger } = await setup(id);
      const broken = {
        ...entity(),
        metadata: { ...entity().metadata, name: 'gone' },
      };
      const flaky = {
        refreshStoredReport: (e: Entity) =>
          e.metadata.name === 'gone'
            ? Promise.reject(new Error('catalog went away'))
            : service.refreshStoredReport(e),
      };
      const run = () =>
        refreshStoredReports({
          entities: [entity(), broken],
          service: flaky,
          reports: stores.reports,
          logger,
          now: () => clock.now,
        });
      expect(await run()).toEqual({
        entities: 2,
        stored: 1,
        unchanged: 0,
        failed: 1,
      });
      clock.now += 30_000; // inside the same minute bucket: nothing new
      expect(await run()).toMatchObject({ stored: 0, unchanged: 1 });
      const stored = await stores.reports.get('component:default/svc');
      expect(stored).toMatchObject({ computedAt: T0, checkedAt: T0 + 30_000 });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('catalog went away'),
      );
    },
  );
});

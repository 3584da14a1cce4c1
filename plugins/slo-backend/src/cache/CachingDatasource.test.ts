import { mockServices } from '@backstage/backend-test-utils';
import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { SliEventsRequest, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { PrometheusClient } from '../datasources/prometheus/PrometheusClient';
import { PrometheusDatasource } from '../datasources/prometheus/PrometheusDatasource';
import { json, startStubServer } from '../datasources/prometheus/stubServer';
import { CachingDatasource } from './CachingDatasource';
import { CachedBuckets, SloBucketStore } from './SloBucketStore';

const STEP = 60;
const MIN = 60_000;
const T0 = 1_800_000_000_000;

const slo: ResolvedSlo = {
  name: 'avail',
  sloName: 'avail',
  service: 'svc',
  target: 0.99,
  timeWindow: { duration: '1d', durationSeconds: 86400, rolling: true },
  budgetingMethod: 'Occurrences',
  indicator: {
    counter: true,
    good: { sourceType: 'Prometheus', query: 'good' },
    total: { sourceType: 'Prometheus', query: 'total' },
  },
};

/** Events of bucket ending at t: total = minute index, good = total - 1. */
const valueAt = (endMs: number) => endMs / MIN - T0 / MIN;

function fakeDatasource() {
  const calls: { startMs: number; endMs: number }[] = [];
  const datasource: SloDatasource = {
    name: 'fake',
    demo: false,
    async fetchEvents(request: SliEventsRequest) {
      calls.push({ startMs: request.startMs, endMs: request.endMs });
      const n = (request.endMs - request.startMs) / (STEP * 1000);
      const total = Float64Array.from({ length: n }, (_, i) =>
        valueAt(request.startMs + (i + 1) * MIN),
      );
      return {
        startMs: request.startMs,
        stepSeconds: STEP,
        total,
        good: total.map(v => v - 1),
      };
    },
  };
  return { datasource, calls };
}

function memoryStore(): SloBucketStore & { writes: number } {
  const data = new Map<string, CachedBuckets>();
  return {
    writes: 0,
    async read(key) {
      const v = data.get(key);
      return v && { ...v, good: v.good.slice(), total: v.total.slice() };
    },
    async write(key, buckets) {
      this.writes++;
      data.set(key, {
        ...buckets,
        good: buckets.good.slice(),
        total: buckets.total.slice(),
      });
    },
  };
}

const request = (endMs: number, minutes = 1440): SliEventsRequest => ({
  slo,
  entityRef: 'component:default/a',
  startMs: endMs - minutes * MIN,
  endMs,
  stepSeconds: STEP,
});

describe('CachingDatasource', () => {
  const logger = mockServices.logger.mock();

  it('fetches only buckets after the last settled cached bucket', async () => {
    const { datasource, calls } = fakeDatasource();
    let now = T0 + 2000 * MIN + 30_000;
    const cache = new CachingDatasource({
      datasource,
      store: memoryStore(),
      logger,
      settleSeconds: 120,
      now: () => now,
    });
    const end1 = T0 + 2000 * MIN;
    const first = await cache.fetchEvents(request(end1));
    expect(calls).toEqual([{ startMs: end1 - 1440 * MIN, endMs: end1 }]);

    now += 10 * MIN;
    const end2 = end1 + 10 * MIN;
    const second = await cache.fetchEvents(request(end2));
    // Settled up to now - 2m, rounded down to the grid: the last 2 buckets of
    // the first fetch were unsettled and are fetched again with the new ones.
    expect(calls[1]).toEqual({ startMs: end1 - 2 * MIN, endMs: end2 });
    const expected = await fakeDatasource().datasource.fetchEvents(
      request(end2),
    );
    expect(second).toEqual(expected);
    expect(first.total[1439]).toBe(valueAt(end1));
  });

  it('serves a fully settled repeat without querying, and a request before the cache in full', async () => {
    const { datasource, calls } = fakeDatasource();
    const end = T0 + 3000 * MIN;
    const cache = new CachingDatasource({
      datasource,
      store: memoryStore(),
      logger,
      now: () => end + 60 * MIN,
    });
    await cache.fetchEvents(request(end));
    await cache.fetchEvents(request(end));
    expect(calls).toHaveLength(1);
    const past = await cache.fetchEvents(request(end - 2000 * MIN));
    expect(calls).toHaveLength(2);
    expect(past).toEqual(
      await fakeDatasource().datasource.fetchEvents(request(end - 2000 * MIN)),
    );
  });

  it('falls back to the datasource when the store fails', async () => {
    const { datasource, calls } = fakeDatasource();
    const broken: SloBucketStore = {
      read: () => Promise.reject(new Error('db down')),
      write: () => Promise.reject(new Error('db down')),
    };
    const cache = new CachingDatasource({ datasource, store: broken, logger });
    const end = T0 + 100 * MIN;
    expect((await cache.fetchEvents(request(end, 60))).total).toHaveLength(60);
    expect(calls).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('db down'),
    );
  });

  it('issues only the new-bucket queries against Prometheus on the second refresh', async () => {
    const queries: URLSearchParams[] = [];
    const server = await startStubServer((req, res) => {
      const params = new URLSearchParams(req.body);
      queries.push(params);
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      const values: [number, string][] = [];
      for (let t = start; t <= end; t += STEP) {
        const minutes = t / 60;
        values.push([
          t,
          String(params.get('query') === 'total' ? minutes * 10 : minutes * 9),
        ]);
      }
      json(res, 200, {
        status: 'success',
        data: { resultType: 'matrix', result: [{ metric: {}, values }] },
      });
    });
    try {
      const prometheus = new PrometheusDatasource(
        new PrometheusClient({ baseUrl: server.url }),
      );
      let now = T0 + 5000 * MIN;
      const cache = new CachingDatasource({
        datasource: prometheus,
        store: memoryStore(),
        logger,
        settleSeconds: 0,
        now: () => now,
      });
      const first = await cache.fetchEvents(request(now));
      expect(queries).toHaveLength(2);
      expect(first.total[0]).toBe(10);
      now += 5 * MIN;
      const second = await cache.fetchEvents(request(now));
      expect(queries).toHaveLength(4);
      for (const q of queries.slice(2)) {
        expect(Number(q.get('start'))).toBe((now - 5 * MIN) / 1000);
        expect(Number(q.get('end'))).toBe(now / 1000);
      }
      expect(second.total).toHaveLength(1440);
      expect(Array.from(second.good.subarray(-5))).toEqual([9, 9, 9, 9, 9]);
      expect(Array.from(second.total.subarray(0, 1435))).toEqual(
        Array.from(first.total.subarray(5)),
      );
    } finally {
      await server.close();
    }
  });
});

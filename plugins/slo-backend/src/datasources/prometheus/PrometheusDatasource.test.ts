import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { PrometheusClient } from './PrometheusClient';
import { matrixToEvents, PrometheusDatasource } from './PrometheusDatasource';
import { json, startStubServer } from './stubServer';

function slo(indicator: Partial<ResolvedSlo['indicator']>): ResolvedSlo {
  return {
    name: 'avail',
    sloName: 'avail',
    service: 'svc',
    target: 0.99,
    timeWindow: { duration: '1h', durationSeconds: 3600, rolling: true },
    budgetingMethod: 'Occurrences',
    indicator: {
      counter: true,
      total: { sourceType: 'Prometheus', query: 'total' },
      ...indicator,
    },
  };
}

describe('matrixToEvents', () => {
  it('sums counter increments of several series on the grid', () => {
    const events = matrixToEvents(
      [
        {
          metric: { a: '1' },
          values: [
            [100, '10'],
            [160, '15'],
            [220, '25'],
          ],
        },
        // starts late, resets at 220
        {
          metric: { a: '2' },
          values: [
            [160, '7'],
            [220, '2'],
          ],
        },
      ],
      { startSeconds: 100, stepSeconds: 60, buckets: 2, counter: true },
    );
    expect(Array.from(events)).toEqual([5, 12]);
  });

  it('multiplies per-second rates by the step and ignores off-grid or invalid points', () => {
    const events = matrixToEvents(
      [
        {
          metric: {},
          values: [
            [100, '1'],
            [160, '0.5'],
            [220, 'NaN'],
            [999, '3'],
          ],
        },
      ],
      { startSeconds: 100, stepSeconds: 60, buckets: 2, counter: false },
    );
    expect(Array.from(events)).toEqual([30, 0]);
  });
});

let stub: Awaited<ReturnType<typeof startStubServer>>;
// counters: total grows 100 per minute, bad 2 per minute, good 98 per minute
const value = (query: string, t: number) => {
  const minutes = t / 60;
  if (query.startsWith('rate_good')) return 98 / 60;
  if (query === 'latency') return (minutes % 4) * 0.1;
  if (query === 'ratio') return 0.25;
  if (query === 'total') return 100 * minutes;
  if (query === 'bad') return 2 * minutes;
  return 98 * minutes;
};

beforeEach(async () => {
  stub = await startStubServer((req, res) => {
    const params = new URLSearchParams(req.body);
    const q = params.get('query')!;
    if (q === 'broken') {
      json(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: 'parse error',
      });
      return;
    }
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const step = Number(params.get('step'));
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step)
      values.push([t, String(value(q, t))]);
    json(res, 200, {
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values }] },
    });
  });
});
afterEach(() => stub.close());

const ds = () =>
  new PrometheusDatasource(
    new PrometheusClient({ baseUrl: stub.url, retries: 0 }),
  );

describe('PrometheusDatasource', () => {
  it('turns good/total counters into events per bucket', async () => {
    const events = await ds().fetchEvents({
      slo: slo({ good: { sourceType: 'Prometheus', query: 'good' } }),
      entityRef: 'component:default/svc',
      startMs: 600_000,
      endMs: 900_000,
      stepSeconds: 60,
    });
    expect(events.startMs).toBe(600_000);
    expect(Array.from(events.total)).toEqual([100, 100, 100, 100, 100]);
    expect(Array.from(events.good)).toEqual([98, 98, 98, 98, 98]);
  });

  it('derives good from bad, splits long ranges into chunks of 10,000 points', async () => {
    const events = await ds().fetchEvents({
      slo: slo({ bad: { sourceType: 'prometheus', query: 'bad' } }),
      entityRef: 'component:default/svc',
      startMs: 0,
      endMs: 12_000 * 60_000,
      stepSeconds: 60,
    });
    expect(events.total.length).toBe(12_000);
    expect(events.good.every(v => v === 98)).toBe(true);
    expect(stub.requests).toHaveLength(4);
    const chunk = new URLSearchParams(
      stub.requests.find(r => r.body.includes('query=bad'))!.body,
    );
    expect(chunk.get('end')).toBe(String(10_000 * 60));
  });

  it('substitutes {{.window}} and treats templated queries as rates', async () => {
    const events = await ds().fetchEvents({
      slo: slo({
        total: { sourceType: 'Prometheus', query: 'total' },
        good: { sourceType: 'Prometheus', query: 'rate_good[{{ .window }}]' },
      }),
      entityRef: 'component:default/svc',
      startMs: 0,
      endMs: 120_000,
      stepSeconds: 60,
    });
    expect(Array.from(events.good)).toEqual([98, 98]);
    expect(
      stub.requests.some(
        r => new URLSearchParams(r.body).get('query') === 'rate_good[1m]',
      ),
    ).toBe(true);
  });
});

describe('PrometheusDatasource, part 2', () => {
  it('caps good at total and rejects other metric sources and bad queries', async () => {
    await expect(
      ds().fetchEvents({
        slo: slo({ good: { sourceType: 'Datadog', query: 'x' } }),
        entityRef: 'component:default/svc',
        startMs: 0,
        endMs: 60_000,
        stepSeconds: 60,
      }),
    ).rejects.toThrow(/'Datadog' is not supported/);
    await expect(
      ds().fetchEvents({
        slo: slo({ good: { sourceType: 'Prometheus', query: 'broken' } }),
        entityRef: 'component:default/svc',
        startMs: 0,
        endMs: 60_000,
        stepSeconds: 60,
      }),
    ).rejects.toThrow(/parse error/);
    const events = await ds().fetchEvents({
      slo: slo({
        total: { sourceType: 'Prometheus', query: 'bad' },
        good: { sourceType: 'Prometheus', query: 'good' },
      }),
      entityRef: 'component:default/svc',
      startMs: 0,
      endMs: 60_000,
      stepSeconds: 60,
    });
    expect(Array.from(events.good)).toEqual([2]);
  });

  it('threshold indicators: one event per sample, good when it meets op/value', async () => {
    // samples at the end of minutes 1..4: 0.1, 0.2, 0.3, 0.0; lte 0.2
    const events = await ds().fetchEvents({
      slo: slo({
        kind: 'threshold',
        counter: false,
        threshold: { op: 'lte', value: 0.2 },
        total: { sourceType: 'Prometheus', query: 'latency' },
      }),
      entityRef: 'component:default/svc',
      startMs: 0,
      endMs: 240_000,
      stepSeconds: 60,
    });
    expect(Array.from(events.total)).toEqual([1, 1, 1, 1]);
    expect(Array.from(events.good)).toEqual([1, 1, 0, 1]);
    const gt = await ds().fetchEvents({
      slo: slo({
        kind: 'threshold',
        counter: false,
        threshold: { op: 'gt', value: 0.1 },
        total: { sourceType: 'Prometheus', query: 'latency' },
      }),
      entityRef: 'component:default/svc',
      startMs: 0,
      endMs: 240_000,
      stepSeconds: 60,
    });
    expect(Array.from(gt.good)).toEqual([0, 1, 1, 0]);
  });
});

describe('PrometheusDatasource, part 3', () => {
  it('raw indicators: each sample weighs its good ratio', async () => {
    const fetch = (rawType: 'success' | 'failure') =>
      ds().fetchEvents({
        slo: slo({
          kind: 'raw',
          rawType,
          counter: false,
          total: { sourceType: 'Prometheus', query: 'ratio' },
        }),
        entityRef: 'component:default/svc',
        startMs: 0,
        endMs: 120_000,
        stepSeconds: 60,
      });
    expect(Array.from((await fetch('failure')).good)).toEqual([0.75, 0.75]);
    expect(Array.from((await fetch('success')).good)).toEqual([0.25, 0.25]);
    await expect(
      ds().fetchEvents({
        slo: slo({
          kind: 'raw',
          rawType: 'failure',
          total: { sourceType: 'Datadog', query: 'ratio' },
        }),
        entityRef: 'component:default/svc',
        startMs: 0,
        endMs: 120_000,
        stepSeconds: 60,
      }),
    ).rejects.toThrow(/not supported/);
  });
});

import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { computeSlo, toTimeslices } from '../../budgets/sloMath';
import { DemoDatasource, hashString, unitNoise } from './DemoDatasource';

const WINDOW = 28 * 86400;
const slo = (
  service: string,
  extra: Partial<ResolvedSlo> = {},
): ResolvedSlo => ({
  name: `${service}-availability`,
  sloName: `${service}-availability`,
  service,
  target: 0.999,
  timeWindow: { duration: '28d', durationSeconds: WINDOW, rolling: true },
  budgetingMethod: 'Occurrences',
  indicator: { counter: true, total: { sourceType: 'Prometheus', query: 'x' } },
  ...extra,
});

const END = Date.UTC(2026, 10, 24, 12, 0, 0);

async function evaluate(name: string, extra: Partial<ResolvedSlo> = {}) {
  const ds = new DemoDatasource();
  const s = slo(name, extra);
  const events = await ds.fetchEvents({
    slo: s,
    entityRef: `component:default/${name}`,
    startMs: END - WINDOW * 1000,
    endMs: END,
    stepSeconds: 300,
  });
  const series =
    s.budgetingMethod === 'Occurrences'
      ? events
      : toTimeslices(events, {
          sliceSeconds: 300,
          method: s.budgetingMethod as any,
          sliceTarget: s.timeSliceTarget,
        });
  return {
    events,
    result: computeSlo({ series, target: s.target, windowSeconds: WINDOW }),
  };
}

describe('DemoDatasource', () => {
  it('is labelled demo', () => {
    const ds = new DemoDatasource();
    expect(ds.name).toBe('demo');
    expect(ds.demo).toBe(true);
  });

  it('is deterministic', async () => {
    const a = await evaluate('payments-service');
    const b = await evaluate('payments-service');
    expect(Array.from(a.events.good)).toEqual(Array.from(b.events.good));
    expect(a.events.total.length).toBe(8064);
  });

  it('payments-service is healthy', async () => {
    const { result } = await evaluate('payments-service');
    expect(result.remainingPercent).toBeGreaterThan(75);
    expect(result.burnRateAlerts.some(a => a.firing)).toBe(false);
  });

  it('search-service has exhausted its budget', async () => {
    const { result } = await evaluate('search-service');
    expect(result.budgetRemaining).toBeLessThan(0);
    expect(result.timeToExhaustionSeconds).toBe(0);
  });

  it('checkout-web burns fast: the page alert fires while budget remains', async () => {
    const { result } = await evaluate('checkout-web');
    expect(result.remainingPercent).toBeGreaterThan(0);
    expect(result.burnRateAlerts[0].severity).toBe('page');
    expect(result.burnRateAlerts[0].firing).toBe(true);
    expect(result.timeToExhaustionSeconds).toBeGreaterThan(0);
  });

  it('others land in between', async () => {
    for (const name of ['recommendations', 'ledger-worker', 'build-agent']) {
      const { result } = await evaluate(name);
      expect(result.remainingPercent).toBeGreaterThan(5);
      expect(result.remainingPercent).toBeLessThan(80);
    }
  });

  it('produces bad slices for time-slice SLOs', async () => {
    const { result } = await evaluate('recommendations', {
      budgetingMethod: 'Timeslices',
      target: 0.99,
      timeSliceTarget: 0.95,
      timeSliceWindowSeconds: 300,
    });
    expect(result.badEvents).toBeGreaterThan(0);
    expect(result.remainingPercent).toBeGreaterThan(0);
    expect(result.remainingPercent).toBeLessThan(100);
  });

  it('accepts custom profiles and raw refs', async () => {
    const ds = new DemoDatasource({ profiles: { custom: { burnRate: 2 } } });
    expect(ds.profileFor('component:default/custom', 'x').burnRate).toBe(2);
    expect(ds.profileFor('not a ref', 'custom').burnRate).toBe(2);
  });

  it('noise is uniform in [0, 1)', () => {
    const seed = hashString('x');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = unitNoise(seed, i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

import {
  badEventsBetween,
  computeSlo,
  counterIncrements,
  prefixSums,
  scaleBurnRateRules,
  timesliceStepSeconds,
  toTimeslices,
} from './sloMath';
import {
  REFERENCE_WINDOW_SECONDS,
  SliEventSeries,
} from '@gatekeeper/plugin-slo-node';

const f64 = (values: number[]) => Float64Array.from(values);

describe('prefixSums', () => {
  it('starts with 0 and accumulates', () => {
    expect(Array.from(prefixSums(f64([1, 2, 3])))).toEqual([0, 1, 3, 6]);
    expect(Array.from(prefixSums(f64([])))).toEqual([0]);
  });
});

describe('counterIncrements', () => {
  it('takes differences, treats decreases as resets and skips gaps', () => {
    // 10 -> 15 (+5), gap, -> 20 (+5 in the bucket where it reappears), reset to 3 (+3), -> 5 (+2)
    expect(Array.from(counterIncrements(f64([10, 15, NaN, 20, 3, 5])))).toEqual(
      [5, 0, 5, 3, 2],
    );
    expect(Array.from(counterIncrements(f64([NaN, NaN, 4, 6])))).toEqual([
      0, 0, 2,
    ]);
    expect(counterIncrements(f64([])).length).toBe(0);
  });
});

describe('scaleBurnRateRules', () => {
  it('keeps 30d windows and scales the others proportionally', () => {
    expect(scaleBurnRateRules(REFERENCE_WINDOW_SECONDS)[0]).toEqual({
      severity: 'page',
      longWindowSeconds: 3600,
      shortWindowSeconds: 300,
      burnRate: 14.4,
    });
    const scaled = scaleBurnRateRules(28 * 86400);
    // 28/30 of 5m = 280s, rounded to the 5m resolution
    expect(
      scaled.map(r => [r.longWindowSeconds, r.shortWindowSeconds]),
    ).toEqual([
      [3600, 300],
      // short 1680s -> 1800s; long max(20160s, 12 x 1800s)
      [21600, 1800],
      [80700, 6600],
      [241800, 20100],
    ]);
  });

  it('never goes below the evaluation resolution (7d and 1d SLOs)', () => {
    // 7d: short windows 70s, 420s, 1680s, 5040s -> 5m, 5m (420 rounds to 300), 30m, 85m
    const week = scaleBurnRateRules(7 * 86400);
    expect(week.map(r => [r.shortWindowSeconds, r.longWindowSeconds])).toEqual([
      [300, 3600],
      [300, 5100],
      [1800, 21600],
      [5100, 61200],
    ]);
    // 1d: every short window is clamped to 5m, long = 12x short
    const day = scaleBurnRateRules(86400);
    expect(day.map(r => [r.shortWindowSeconds, r.longWindowSeconds])).toEqual([
      [300, 3600],
      [300, 3600],
      [300, 3600],
      [600, 8700],
    ]);
    const custom = scaleBurnRateRules(86400, undefined, 60);
    expect(custom[0]).toMatchObject({
      shortWindowSeconds: 60,
      longWindowSeconds: 720,
    });
  });
});

/**
 * 3 days of 5-minute buckets with 1,000 requests each. Bad requests: 200 in
 * the newest bucket, 10 in each of the 11 buckets before it, 0 elsewhere.
 */
function burstSeries(): SliEventSeries {
  const n = 864;
  const total = new Float64Array(n).fill(1000);
  const good = new Float64Array(n).fill(1000);
  good[n - 1] = 800;
  for (let i = n - 12; i < n - 1; i++) good[i] = 990;
  return { startMs: 0, stepSeconds: 300, good, total };
}

describe('computeSlo', () => {
  const result = computeSlo({
    series: burstSeries(),
    target: 0.999,
    windowSeconds: REFERENCE_WINDOW_SECONDS,
    seriesPoints: 4,
  });

  it('computes attainment and the error budget', () => {
    expect(result.totalEvents).toBe(864_000);
    expect(result.badEvents).toBe(310);
    expect(result.attainment).toBeCloseTo(1 - 310 / 864_000, 12);
    expect(result.budgetTotal).toBeCloseTo(864, 9);
    expect(result.budgetConsumed).toBe(310);
    expect(result.budgetRemaining).toBeCloseTo(554, 9);
    expect(result.remainingPercent).toBeCloseTo((554 / 864) * 100, 9);
    expect(result.noData).toBe(false);
    expect(result.endMs).toBe(864 * 300_000);
  });

  it('evaluates the four multiwindow burn-rate rules', () => {
    const a = result.burnRateAlerts;
    expect(
      a.map(
        x =>
          `${x.severity} ${x.longWindow}/${x.shortWindow} ${x.burnRateThreshold}`,
      ),
    ).toEqual([
      'page 1h/5m 14.4',
      'page 6h/30m 6',
      'ticket 1d/2h 3',
      'ticket 3d/6h 1',
    ]);
    // 1h = 12 buckets: 310 bad / 12,000 = 0.0258333 -> 25.83x; 5m: 0.2 -> 200x
    expect(a[0].longBurnRate).toBeCloseTo(25.8333333, 6);
    expect(a[0].shortBurnRate).toBeCloseTo(200, 6);
    expect(a[0].firing).toBe(true);
    // 6h = 72 buckets: 310 / 72,000 -> 4.3056x < 6; 30m: 250 / 6,000 -> 41.67x
    expect(a[1].longBurnRate).toBeCloseTo(4.3055556, 6);
    expect(a[1].shortBurnRate).toBeCloseTo(41.6666667, 6);
    expect(a[1].firing).toBe(false);
    // 1d: 310 / 288,000 -> 1.0764x < 3; 2h: 310 / 24,000 -> 12.9167x
    expect(a[2].longBurnRate).toBeCloseTo(1.0763889, 6);
    expect(a[2].shortBurnRate).toBeCloseTo(12.9166667, 6);
    expect(a[2].firing).toBe(false);
    // 3d: 310 / 864,000 -> 0.3588x < 1
    expect(a[3].longBurnRate).toBeCloseTo(0.3587963, 6);
    expect(a[3].firing).toBe(false);
    expect(a.map(x => x.budgetConsumptionPercent)).toEqual(
      [2, 5, 10, 10].map(expect.closeTo),
    );
  });

  it('forecasts exhaustion as remaining fraction x window / burn rate', () => {
    expect(result.currentBurnRate).toBeCloseTo(25.8333333, 6);
    // 554/864 * 2,592,000 s = 1,662,000 s; / (310/12) = 64,335.48 s
    expect(result.timeToExhaustionSeconds).toBeCloseTo(64_335.48387, 3);
  });
});

describe('computeSlo, part 2', () => {
  const result = computeSlo({
    series: burstSeries(),
    target: 0.999,
    windowSeconds: REFERENCE_WINDOW_SECONDS,
    seriesPoints: 4,
  });

  it('produces a cumulative burn-down series', () => {
    expect(Array.from(result.series.tMs)).toEqual(
      [216, 432, 648, 864].map(i => i * 300_000),
    );
    expect(Array.from(result.series.remainingPercent.slice(0, 3))).toEqual([
      100, 100, 100,
    ]);
    expect(result.series.remainingPercent[3]).toBeCloseTo((554 / 864) * 100, 9);
    expect(result.series.attainment[3]).toBeCloseTo(1 - 310 / 864_000, 12);
    expect(Array.from(result.series.burnRate.slice(0, 3))).toEqual([0, 0, 0]);
    // last quarter: 310 bad of 216,000
    expect(result.series.burnRate[3]).toBeCloseTo(310 / 216_000 / 0.001, 6);
  });

  it('reports exhaustion now when the budget is spent, and no forecast without burn', () => {
    const total = new Float64Array(10).fill(100);
    const spent = computeSlo({
      series: {
        startMs: 0,
        stepSeconds: 60,
        total,
        good: new Float64Array(10).fill(98),
      },
      target: 0.99,
      windowSeconds: 600,
    });
    expect(spent.budgetRemaining).toBeCloseTo(-10, 9);
    expect(spent.remainingPercent).toBeCloseTo(-100, 9);
    expect(spent.timeToExhaustionSeconds).toBe(0);
    const clean = computeSlo({
      series: { startMs: 0, stepSeconds: 60, total, good: total },
      target: 0.99,
      windowSeconds: 600,
    });
    expect(clean.remainingPercent).toBe(100);
    expect(clean.currentBurnRate).toBe(0);
    expect(clean.timeToExhaustionSeconds).toBeUndefined();
  });

  it('handles a window without events', () => {
    const empty = computeSlo({
      series: {
        startMs: 0,
        stepSeconds: 60,
        total: new Float64Array(5),
        good: new Float64Array(5),
      },
      target: 0.99,
      windowSeconds: 300,
    });
    expect(empty).toMatchObject({
      attainment: 1,
      remainingPercent: 100,
      noData: true,
      badEvents: 0,
    });
    expect(empty.timeToExhaustionSeconds).toBeUndefined();
    expect(Array.from(empty.series.burnRate)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('toTimeslices', () => {
  const series: SliEventSeries = {
    startMs: 0,
    stepSeconds: 60,
    good: f64([100, 90, 100, 50, 100, 100]),
    total: f64([100, 100, 100, 100, 100, 100]),
  };

  it('Timeslices: a slice is good when its ratio reaches the slice target', () => {
    const slices = toTimeslices(series, {
      sliceSeconds: 180,
      method: 'Timeslices',
      sliceTarget: 0.9,
    });
    // 290/300 = 0.967 >= 0.9 good; 250/300 = 0.833 bad
    expect(Array.from(slices.good)).toEqual([1, 0]);
    expect(Array.from(slices.total)).toEqual([1, 1]);
    expect(slices.stepSeconds).toBe(180);
    expect(slices.startMs).toBe(0);
  });

  it('RatioTimeslices: a slice contributes its ratio', () => {
    const slices = toTimeslices(series, {
      sliceSeconds: 180,
      method: 'RatioTimeslices',
    });
    expect(slices.good[0]).toBeCloseTo(290 / 300, 12);
    expect(slices.good[1]).toBeCloseTo(250 / 300, 12);
  });

  it('leaves empty slices out and refuses inexact slicing', () => {
    const slices = toTimeslices(
      {
        startMs: 0,
        stepSeconds: 60,
        good: f64([5, 0, 0, 0, 0, 0, 10, 10, 10]),
        total: f64([10, 0, 0, 0, 0, 0, 10, 10, 10]),
      },
      { sliceSeconds: 180, method: 'Timeslices', sliceTarget: 0.99 },
    );
    expect(Array.from(slices.total)).toEqual([1, 0, 1]);
    expect(Array.from(slices.good)).toEqual([0, 0, 1]);
    // 7 buckets are not a whole number of 3-minute slices
    expect(() =>
      toTimeslices(
        {
          ...series,
          good: f64([1, 1, 1, 1, 1, 1, 1]),
          total: f64([1, 1, 1, 1, 1, 1, 1]),
        },
        { sliceSeconds: 180, method: 'Timeslices' },
      ),
    ).toThrow(/whole number of slices/);
    // a 7 minute slice is not a multiple of a 5 minute step
    expect(() =>
      toTimeslices(
        { ...series, stepSeconds: 300 },
        { sliceSeconds: 420, method: 'RatioTimeslices' },
      ),
    ).toThrow(/step dividing them/);
  });
});

describe('timesliceStepSeconds', () => {
  it('picks the largest divisor of the slice not above the step', () => {
    expect(timesliceStepSeconds(420, 300)).toBe(210);
    expect(timesliceStepSeconds(60, 300)).toBe(60);
    expect(timesliceStepSeconds(600, 300)).toBe(300);
    expect(timesliceStepSeconds(7, 300)).toBe(7);
    expect(timesliceStepSeconds(781, 300)).toBe(71); // 781 = 11 * 71
    expect(timesliceStepSeconds(787, 300)).toBe(1); // prime
    expect(() => timesliceStepSeconds(1.5, 300)).toThrow(/whole number/);
  });

  it('gives exact slices for 7m: hand-computed Timeslices budget', () => {
    // 2 slices of 7m at a 210s step: 4 buckets; slice 1 has 10 bad of 400, slice 2 none
    const step = timesliceStepSeconds(420, 300);
    const slices = toTimeslices(
      {
        startMs: 0,
        stepSeconds: step,
        good: f64([100, 90, 100, 100]),
        total: f64([100, 100, 100, 100]),
      },
      { sliceSeconds: 420, method: 'RatioTimeslices' },
    );
    expect(slices.good[0]).toBeCloseTo(190 / 200, 12);
    expect(slices.good[1]).toBe(1);
  });
});

describe('badEventsBetween', () => {
  it('sums bad events of the buckets overlapping the interval', () => {
    const series = burstSeries();
    const end = 864 * 300_000;
    expect(badEventsBetween(series, end - 300_000, end)).toBe(200);
    expect(badEventsBetween(series, end - 3_600_000, end)).toBe(310);
    expect(badEventsBetween(series, end - 3_600_000 + 1, end - 300_001)).toBe(
      110,
    );
    expect(badEventsBetween(series, -1e12, 0)).toBe(0);
    expect(badEventsBetween(series, 0, 1e15)).toBe(310);
  });
});

import { BurnRateAlert, formatDuration } from '@gatekeeper/plugin-slo-common';
import {
  BurnRateRule,
  DEFAULT_BURN_RATE_RULES,
  REFERENCE_WINDOW_SECONDS,
  SliEventSeries,
} from '@gatekeeper/plugin-slo-node';

/** `out[i]` = sum of `values[0..i-1]`; `out.length === values.length + 1`. */
export function prefixSums(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length + 1);
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += values[i];
    out[i + 1] = acc;
  }
  return out;
}

/**
 * Increments of a cumulative counter sampled on a grid: `out[i]` is the
 * increase between `values[i]` and `values[i + 1]`. A decrease is a counter
 * reset (the new value is the increase since the reset, like PromQL
 * `increase`); NaN samples (gaps) are skipped and the increase is attributed
 * to the bucket where the next sample appears.
 */
export function counterIncrements(values: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, values.length - 1));
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      continue;
    }
    if (i > 0 && !Number.isNaN(last)) {
      out[i - 1] = v >= last ? v - last : v;
    }
    last = v;
  }
  return out;
}

/**
 * Groups buckets into time slices and turns them into slice events, so that
 * the Occurrences math applies unchanged:
 * - `Timeslices`: a slice is good (1/1) when its good ratio >= sliceTarget, else bad (0/1);
 * - `RatioTimeslices`: a slice contributes its good ratio (ratio/1).
 * Slices without events are left out (0/0). Exact only: the step must divide
 * the slice and the series must be a whole number of slices (the caller
 * picks the step and range, see `timesliceStepSeconds`); anything else throws
 * instead of approximating.
 */
export function toTimeslices(
  series: SliEventSeries,
  options: {
    sliceSeconds: number;
    method: 'Timeslices' | 'RatioTimeslices';
    sliceTarget?: number;
  },
): SliEventSeries {
  const per = options.sliceSeconds / series.stepSeconds;
  const n = series.total.length;
  if (!Number.isInteger(per) || per < 1 || n % per !== 0) {
    throw new Error(
      `time slices of ${options.sliceSeconds}s need a step dividing them and a whole number of slices (step ${series.stepSeconds}s, ${n} buckets)`,
    );
  }
  const slices = n / per;
  const good = new Float64Array(slices);
  const total = new Float64Array(slices);
  const threshold = options.sliceTarget ?? 1;
  for (let s = 0; s < slices; s++) {
    let g = 0;
    let t = 0;
    for (let i = s * per; i < (s + 1) * per; i++) {
      g += series.good[i];
      t += series.total[i];
    }
    if (t > 0) {
      const ratio = Math.min(1, g / t);
      total[s] = 1;
      if (options.method === 'RatioTimeslices') {
        good[s] = ratio;
      } else {
        good[s] = ratio >= threshold ? 1 : 0;
      }
    }
  }
  return {
    startMs: series.startMs,
    stepSeconds: options.sliceSeconds,
    good,
    total,
  };
}

/**
 * The query step for a time-slice SLO: the largest divisor of the slice (in
 * whole seconds) not above `maxStepSeconds`, so that slices are sums of whole
 * buckets. A slice that is not a whole number of seconds throws.
 */
export function timesliceStepSeconds(
  sliceSeconds: number,
  maxStepSeconds: number,
): number {
  if (!Number.isInteger(sliceSeconds) || sliceSeconds < 1) {
    throw new Error(
      `time slice of ${sliceSeconds}s must be a whole number of seconds`,
    );
  }
  for (let d = Math.min(sliceSeconds, Math.floor(maxStepSeconds)); d > 1; d--) {
    if (sliceSeconds % d === 0) {
      return d;
    }
  }
  return 1;
}

/** Error ratio over the last `buckets` buckets (0 when there were no events). */
function errorRatio(
  goodSums: Float64Array,
  totalSums: Float64Array,
  buckets: number,
): number {
  const n = totalSums.length - 1;
  const from = Math.max(0, n - buckets);
  const total = totalSums[n] - totalSums[from];
  if (total <= 0) {
    return 0;
  }
  const bad = total - (goodSums[n] - goodSums[from]);
  return Math.max(0, bad / total);
}

/** Default evaluation resolution: no burn-rate window is shorter (as Sloth and Pyrra). */
export const DEFAULT_MIN_WINDOW_SECONDS = 300;

/**
 * Scales the 30-day reference rules to another SLO window (same
 * budget-consumption percentages), then makes every window usable with the
 * evaluation resolution: windows are whole multiples of `minWindowSeconds`
 * (default 5m), a short window is never below it, and a long window keeps
 * its ratio to the short one (12x for the defaults), so a 1d or 7d SLO gets
 * windows that fire with 1-minute scrapes. Clamped rules spend more budget
 * before firing; `budgetConsumptionPercent` reports the real share.
 */
export function scaleBurnRateRules(
  windowSeconds: number,
  rules: readonly BurnRateRule[] = DEFAULT_BURN_RATE_RULES,
  minWindowSeconds: number = DEFAULT_MIN_WINDOW_SECONDS,
): BurnRateRule[] {
  const factor = windowSeconds / REFERENCE_WINDOW_SECONDS;
  const unit = Math.max(1, Math.round(minWindowSeconds));
  const quantize = (seconds: number) =>
    Math.max(unit, Math.round(seconds / unit) * unit);
  return rules.map(rule => {
    const ratio = rule.longWindowSeconds / rule.shortWindowSeconds;
    const shortWindowSeconds = quantize(rule.shortWindowSeconds * factor);
    const longWindowSeconds = quantize(
      Math.max(rule.longWindowSeconds * factor, shortWindowSeconds * ratio),
    );
    return { ...rule, longWindowSeconds, shortWindowSeconds };
  });
}

export interface ComputeSloOptions {
  series: SliEventSeries;
  /** Objective, 0-1. */
  target: number;
  /** Length of the SLO window in seconds (for burn-rate scaling and forecasts). */
  windowSeconds: number;
  /** Burn-rate rules for a 30 day window; scaled to `windowSeconds`. */
  rules?: readonly BurnRateRule[];
  /** Shortest burn-rate window (evaluation resolution), default 5m. */
  minWindowSeconds?: number;
  /** Window of the burn rate used for the exhaustion forecast (default 1h). */
  forecastWindowSeconds?: number;
  /** Number of points in the burn-down series (default 120). */
  seriesPoints?: number;
}

export interface SloComputation {
  attainment: number;
  totalEvents: number;
  badEvents: number;
  budgetTotal: number;
  budgetConsumed: number;
  budgetRemaining: number;
  remainingPercent: number;
  burnRateAlerts: BurnRateAlert[];
  currentBurnRate: number;
  forecastWindowSeconds: number;
  timeToExhaustionSeconds?: number;
  /** End of the last bucket (ms). */
  endMs: number;
  series: {
    tMs: Float64Array;
    remainingPercent: Float64Array;
    attainment: Float64Array;
    burnRate: Float64Array;
  };
  /** No events at all in the window. */
  noData: boolean;
}

/** `points` evenly spaced samples of remaining budget, attainment and burn rate. */
function burnDownSeries(options: {
  series: SliEventSeries;
  goodSums: Float64Array;
  totalSums: Float64Array;
  allowed: number;
  points: number;
}): SloComputation['series'] {
  const { series, goodSums, totalSums, allowed, points } = options;
  const n = series.total.length;
  const stepMs = series.stepSeconds * 1000;
  const tMs = new Float64Array(points);
  const seriesRemaining = new Float64Array(points);
  const seriesAttainment = new Float64Array(points);
  const seriesBurn = new Float64Array(points);
  let previous = 0;
  for (let p = 0; p < points; p++) {
    const idx = n === 0 ? 0 : Math.round(((p + 1) * n) / points);
    const t = totalSums[idx];
    const g = goodSums[idx];
    const bad = Math.max(0, t - g);
    tMs[p] = series.startMs + idx * stepMs;
    seriesAttainment[p] = t > 0 ? g / t : 1;
    seriesRemaining[p] = t > 0 ? (1 - bad / (allowed * t)) * 100 : 100;
    const segTotal = t - totalSums[previous];
    const segBad = Math.max(0, segTotal - (g - goodSums[previous]));
    seriesBurn[p] = segTotal > 0 ? segBad / segTotal / allowed : 0;
    previous = idx;
  }

  return {
    tMs,
    remainingPercent: seriesRemaining,
    attainment: seriesAttainment,
    burnRate: seriesBurn,
  };
}

/**
 * Computes attainment, error budget, multi-window burn rates, the exhaustion
 * forecast and a burn-down series for one SLO over event buckets. O(n).
 */
export function computeSlo(options: ComputeSloOptions): SloComputation {
  const { series, target } = options;
  const allowed = 1 - target;
  const n = series.total.length;
  const stepMs = series.stepSeconds * 1000;
  const goodSums = prefixSums(series.good);
  const totalSums = prefixSums(series.total);
  const totalEvents = totalSums[n];
  const badEvents = Math.max(0, totalEvents - goodSums[n]);
  const budgetTotal = allowed * totalEvents;
  const budgetRemaining = budgetTotal - badEvents;
  const remainingPercent =
    budgetTotal > 0 ? (budgetRemaining / budgetTotal) * 100 : 100;
  const bucketsFor = (seconds: number) =>
    Math.max(1, Math.round(seconds / series.stepSeconds));
  const burnRate = (seconds: number) =>
    errorRatio(goodSums, totalSums, bucketsFor(seconds)) / allowed;

  const burnRateAlerts = scaleBurnRateRules(
    options.windowSeconds,
    options.rules,
    options.minWindowSeconds,
  ).map(rule => {
    const longBurnRate = burnRate(rule.longWindowSeconds);
    const shortBurnRate = burnRate(rule.shortWindowSeconds);
    return {
      severity: rule.severity,
      longWindow: formatDuration(rule.longWindowSeconds),
      shortWindow: formatDuration(rule.shortWindowSeconds),
      burnRateThreshold: rule.burnRate,
      longBurnRate,
      shortBurnRate,
      firing: longBurnRate > rule.burnRate && shortBurnRate > rule.burnRate,
      budgetConsumptionPercent:
        (rule.burnRate * rule.longWindowSeconds * 100) / options.windowSeconds,
    };
  });

  const forecastWindowSeconds = options.forecastWindowSeconds ?? 3600;
  const currentBurnRate = burnRate(forecastWindowSeconds);
  let timeToExhaustionSeconds: number | undefined;
  if (budgetRemaining <= 0 && totalEvents > 0) {
    timeToExhaustionSeconds = 0;
  } else if (currentBurnRate > 0 && totalEvents > 0) {
    timeToExhaustionSeconds =
      ((remainingPercent / 100) * options.windowSeconds) / currentBurnRate;
  }

  const points = Math.max(1, Math.min(options.seriesPoints ?? 120, n));
  const burnDown = burnDownSeries({
    series,
    goodSums,
    totalSums,
    allowed,
    points,
  });

  return {
    attainment: totalEvents > 0 ? goodSums[n] / totalEvents : 1,
    totalEvents,
    badEvents,
    budgetTotal,
    budgetConsumed: badEvents,
    budgetRemaining,
    remainingPercent,
    burnRateAlerts,
    currentBurnRate,
    forecastWindowSeconds,
    timeToExhaustionSeconds,
    endMs: series.startMs + n * stepMs,
    series: burnDown,
    noData: totalEvents <= 0,
  };
}

/**
 * Bad events in the buckets overlapping `[fromMs, toMs]` (whole buckets);
 * used for the budget an incident consumed.
 */
export function badEventsBetween(
  series: SliEventSeries,
  fromMs: number,
  toMs: number,
): number {
  const stepMs = series.stepSeconds * 1000;
  const n = series.total.length;
  const first = Math.max(0, Math.floor((fromMs - series.startMs) / stepMs));
  const last = Math.min(n, Math.ceil((toMs - series.startMs) / stepMs));
  let bad = 0;
  for (let i = first; i < last; i++) {
    bad += Math.max(0, series.total[i] - series.good[i]);
  }
  return bad;
}

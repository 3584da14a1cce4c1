import {
  formatDuration,
  ResolvedSlo,
  SliQuery,
} from '@gatekeeper/plugin-slo-common';
import { SliEventsRequest, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { counterIncrements } from '../../budgets/sloMath';
import { SliEventSeries } from '@gatekeeper/plugin-slo-node';
import { PrometheusClient, PrometheusMatrixSeries } from './PrometheusClient';

const WINDOW_TEMPLATE = /\{\{\s*\.window\s*\}\}/g;

/** Prometheus refuses more than 11,000 points per series; stay below. */
const MAX_POINTS_PER_QUERY = 10_000;

/**
 * Events per bucket from a matrix result on the grid `startSeconds + k * step`
 * (`k = 0..buckets`): either increments of cumulative counters, or per-second
 * rates multiplied by the step. Series are summed.
 */
export function matrixToEvents(
  result: PrometheusMatrixSeries[],
  options: {
    startSeconds: number;
    stepSeconds: number;
    buckets: number;
    counter: boolean;
  },
): Float64Array {
  const { startSeconds, stepSeconds, buckets } = options;
  const events = new Float64Array(buckets);
  for (const series of result) {
    const grid = new Float64Array(buckets + 1).fill(NaN);
    for (const [ts, raw] of series.values) {
      const k = Math.round((ts - startSeconds) / stepSeconds);
      const v = Number(raw);
      if (k >= 0 && k <= buckets && Number.isFinite(v)) {
        grid[k] = v;
      }
    }
    if (options.counter) {
      const inc = counterIncrements(grid);
      for (let i = 0; i < buckets; i++) {
        events[i] += inc[i];
      }
    } else {
      for (let i = 0; i < buckets; i++) {
        const v = grid[i + 1];
        if (!Number.isNaN(v)) {
          events[i] += v * stepSeconds;
        }
      }
    }
  }
  return events;
}

/** How good one sample of a threshold or raw indicator is (0-1). */
export function gaugeGoodness(
  indicator: ResolvedSlo['indicator'],
  value: number,
): number {
  if (indicator.kind === 'threshold') {
    const { op, value: limit } = indicator.threshold!;
    switch (op) {
      case 'lt':
        return value < limit ? 1 : 0;
      case 'lte':
        return value <= limit ? 1 : 0;
      case 'gt':
        return value > limit ? 1 : 0;
      default:
        return value >= limit ? 1 : 0;
    }
  }
  const ratio = Math.min(1, Math.max(0, value));
  return indicator.rawType === 'success' ? ratio : 1 - ratio;
}

/** SLI events from Prometheus range queries. */
export class PrometheusDatasource implements SloDatasource {
  readonly demo = false;

  constructor(
    private readonly client: PrometheusClient,
    readonly name: string = 'prometheus',
  ) {}

  async fetchEvents(request: SliEventsRequest): Promise<SliEventSeries> {
    const { indicator } = request.slo;
    if (indicator.kind === 'threshold' || indicator.kind === 'raw') {
      return this.fetchGaugeEvents(request);
    }
    const [total, goodOrBad] = await Promise.all([
      this.fetchQuery(indicator.total, indicator.counter, request),
      this.fetchQuery(
        (indicator.good ?? indicator.bad)!,
        indicator.counter,
        request,
      ),
    ]);
    const good = indicator.good
      ? goodOrBad
      : total.map((t, i) => Math.max(0, t - goodOrBad[i]));
    for (let i = 0; i < good.length; i++) {
      if (good[i] > total[i]) {
        good[i] = total[i];
      }
    }
    return {
      startMs: request.startMs,
      stepSeconds: request.stepSeconds,
      good,
      total,
    };
  }

  /**
   * Threshold and raw indicators: the query is sampled at the end of every
   * bucket; each sample of each series is one event, good when it meets the
   * threshold (threshold) or weighted by the good ratio it reports (raw).
   */
  private async fetchGaugeEvents(
    request: SliEventsRequest,
  ): Promise<SliEventSeries> {
    const { indicator } = request.slo;
    if (indicator.total.sourceType.toLowerCase() !== 'prometheus') {
      throw new Error(
        `metricSource.type '${indicator.total.sourceType}' is not supported by the Prometheus datasource`,
      );
    }
    const step = request.stepSeconds;
    const startSeconds = request.startMs / 1000;
    const buckets = Math.round((request.endMs - request.startMs) / 1000 / step);
    const good = new Float64Array(buckets);
    const total = new Float64Array(buckets);
    const query = indicator.total.query.replace(
      WINDOW_TEMPLATE,
      formatDuration(step),
    );
    for (let from = 0; from < buckets; from += MAX_POINTS_PER_QUERY) {
      const to = Math.min(buckets, from + MAX_POINTS_PER_QUERY);
      const result = await this.client.queryRange({
        query,
        startSeconds: startSeconds + (from + 1) * step,
        endSeconds: startSeconds + to * step,
        stepSeconds: step,
        signal: request.signal,
      });
      for (const series of result) {
        for (const [ts, raw] of series.values) {
          const k = Math.round((ts - startSeconds) / step) - 1;
          const v = Number(raw);
          if (k < from || k >= to || !Number.isFinite(v)) continue;
          total[k] += 1;
          good[k] += gaugeGoodness(indicator, v);
        }
      }
    }
    return { startMs: request.startMs, stepSeconds: step, good, total };
  }

  private async fetchQuery(
    sliQuery: SliQuery,
    counter: boolean,
    request: SliEventsRequest,
  ): Promise<Float64Array> {
    if (sliQuery.sourceType.toLowerCase() !== 'prometheus') {
      throw new Error(
        `metricSource.type '${sliQuery.sourceType}' is not supported by the Prometheus datasource`,
      );
    }
    const step = request.stepSeconds;
    const templated = WINDOW_TEMPLATE.test(sliQuery.query);
    WINDOW_TEMPLATE.lastIndex = 0;
    const query = sliQuery.query.replace(WINDOW_TEMPLATE, formatDuration(step));
    const isCounter = counter && !templated;
    const startSeconds = request.startMs / 1000;
    const buckets = Math.round((request.endMs - request.startMs) / 1000 / step);
    const events = new Float64Array(buckets);
    for (let from = 0; from < buckets; from += MAX_POINTS_PER_QUERY) {
      const to = Math.min(buckets, from + MAX_POINTS_PER_QUERY);
      const chunkStart = startSeconds + from * step;
      const result = await this.client.queryRange({
        query,
        startSeconds: chunkStart,
        endSeconds: startSeconds + to * step,
        stepSeconds: step,
        signal: request.signal,
      });
      events.set(
        matrixToEvents(result, {
          startSeconds: chunkStart,
          stepSeconds: step,
          buckets: to - from,
          counter: isCounter,
        }),
        from,
      );
    }
    return events;
  }
}

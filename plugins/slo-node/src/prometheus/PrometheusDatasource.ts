import { formatDuration, SliQuery } from '@gatekeeper/plugin-slo-common';
import { SliEventsRequest, SloDatasource } from '../datasource/types';
import { counterIncrements } from '../math/sloMath';
import { SliEventSeries } from '../math/types';
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

/** SLI events from Prometheus range queries. */
export class PrometheusDatasource implements SloDatasource {
  readonly demo = false;

  constructor(
    private readonly client: PrometheusClient,
    readonly name: string = 'prometheus',
  ) {}

  async fetchEvents(request: SliEventsRequest): Promise<SliEventSeries> {
    const { indicator } = request.slo;
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

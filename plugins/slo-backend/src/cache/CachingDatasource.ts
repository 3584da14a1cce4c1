import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import {
  SliEventSeries,
  SliEventsRequest,
  SloDatasource,
} from '@gatekeeper/plugin-slo-node';
import { CachedBuckets, SloBucketStore } from './SloBucketStore';

export interface CachingDatasourceOptions {
  datasource: SloDatasource;
  store: SloBucketStore;
  logger: LoggerService;
  /**
   * Buckets ending less than this long before now are not settled yet (late
   * scrapes, remote-write lag): they are refetched on every request.
   * Default 120 s.
   */
  settleSeconds?: number;
  now?: () => number;
}

/** The cache key of a request: entity, SLO, indicator, step and grid phase. */
export function bucketCacheKey(request: SliEventsRequest): string {
  const stepMs = request.stepSeconds * 1000;
  const phase = ((request.startMs % stepMs) + stepMs) % stepMs;
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.entityRef,
        request.slo.name,
        request.slo.indicator,
        request.stepSeconds,
        phase,
      ]),
    )
    .digest('hex');
}

function bucketCount(fromMs: number, toMs: number, stepMs: number) {
  return Math.max(0, Math.round((toMs - fromMs) / stepMs));
}

/**
 * A datasource decorator fetching only new buckets: settled buckets are kept
 * in a {@link SloBucketStore} (shared by all replicas), and a request queries
 * the wrapped datasource only from the end of the last settled cached bucket
 * (the unsettled ones included). A request starting before the cached range
 * (e.g. `?at=` in the past) is fetched in full.
 */
export class CachingDatasource implements SloDatasource {
  readonly name: string;
  readonly demo: boolean;
  private readonly now: () => number;
  private readonly settleMs: number;

  constructor(private readonly options: CachingDatasourceOptions) {
    this.name = options.datasource.name;
    this.demo = options.datasource.demo;
    this.now = options.now ?? Date.now;
    this.settleMs = (options.settleSeconds ?? 120) * 1000;
  }

  async fetchEvents(request: SliEventsRequest): Promise<SliEventSeries> {
    const key = bucketCacheKey(request);
    const cached = await this.options.store.read(key).catch(e => {
      this.warn('read', e);
      return undefined;
    });
    const stepMs = request.stepSeconds * 1000;
    const settledEndMs = Math.min(
      request.endMs,
      request.startMs +
        Math.floor((this.now() - this.settleMs - request.startMs) / stepMs) *
          stepMs,
    );
    if (
      !cached ||
      cached.stepSeconds !== request.stepSeconds ||
      request.startMs < cached.startMs ||
      request.startMs > cached.completeEndMs
    ) {
      const fresh = await this.options.datasource.fetchEvents(request);
      if (!cached || settledEndMs >= cached.completeEndMs) {
        await this.save(key, fresh, settledEndMs);
      }
      return fresh;
    }
    return this.extend(key, request, cached, settledEndMs);
  }

  /** Cached buckets from `request.startMs`, then the rest from the datasource. */
  private async extend(
    key: string,
    request: SliEventsRequest,
    cached: CachedBuckets,
    settledEndMs: number,
  ): Promise<SliEventSeries> {
    const stepMs = request.stepSeconds * 1000;
    const n = bucketCount(request.startMs, request.endMs, stepMs);
    const good = new Float64Array(n);
    const total = new Float64Array(n);
    const offset = bucketCount(cached.startMs, request.startMs, stepMs);
    const reuseEndMs = Math.min(request.endMs, cached.completeEndMs);
    const reused = bucketCount(request.startMs, reuseEndMs, stepMs);
    good.set(cached.good.subarray(offset, offset + reused));
    total.set(cached.total.subarray(offset, offset + reused));
    if (reuseEndMs < request.endMs) {
      const tail = await this.options.datasource.fetchEvents({
        ...request,
        startMs: reuseEndMs,
      });
      good.set(tail.good.subarray(0, n - reused), reused);
      total.set(tail.total.subarray(0, n - reused), reused);
    }
    const series = {
      startMs: request.startMs,
      stepSeconds: request.stepSeconds,
      good,
      total,
    };
    if (settledEndMs > cached.completeEndMs) {
      await this.save(key, series, settledEndMs, cached.completeEndMs);
    }
    return series;
  }

  private async save(
    key: string,
    series: SliEventSeries,
    settledEndMs: number,
    unchangedBeforeMs?: number,
  ) {
    const stepMs = series.stepSeconds * 1000;
    const completeEndMs = Math.max(series.startMs, settledEndMs);
    const n = bucketCount(series.startMs, completeEndMs, stepMs);
    try {
      await this.options.store.write(
        key,
        {
          stepSeconds: series.stepSeconds,
          startMs: series.startMs,
          completeEndMs,
          good: series.good.subarray(0, n),
          total: series.total.subarray(0, n),
        },
        { unchangedBeforeMs },
      );
    } catch (e) {
      this.warn('write', e);
    }
  }

  private warn(operation: string, e: unknown) {
    assertError(e);
    this.options.logger.warn(
      `SLO bucket cache ${operation} failed: ${e.message}`,
    );
  }
}

/**
 * Settled good/total events of one SLO on one bucket grid: bucket `i` covers
 * `(startMs + i * step, startMs + (i + 1) * step]`, up to `completeEndMs`.
 */
export interface CachedBuckets {
  stepSeconds: number;
  startMs: number;
  /** End of the last settled bucket; `good`/`total` have `(completeEndMs - startMs) / step` entries. */
  completeEndMs: number;
  good: Float64Array;
  total: Float64Array;
}

/** Persistence of the SLI bucket cache (tables `slo_bucket_series` and `slo_bucket_chunks`). */
export interface SloBucketStore {
  read(key: string): Promise<CachedBuckets | undefined>;
  /**
   * Replaces the cached series of `key`. Buckets before `unchangedBeforeMs`
   * are the ones last read, so only the chunks from there on are rewritten.
   */
  write(
    key: string,
    buckets: CachedBuckets,
    options?: { unchangedBeforeMs?: number },
  ): Promise<void>;
}

/**
 * Per-key token buckets in memory: `burst` capacity, refilled at `perSecond`.
 * @public
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<
    string,
    { tokens: number; updated: number }
  >();

  constructor(
    private readonly options: {
      burst: number;
      perSecond: number;
      now?: () => number;
    },
  ) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = (this.options.now ?? Date.now)();
    const bucket = this.buckets.get(key) ?? {
      tokens: this.options.burst,
      updated: now,
    };
    bucket.tokens = Math.min(
      this.options.burst,
      bucket.tokens + ((now - bucket.updated) / 1000) * this.options.perSecond,
    );
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) {
      for (const [k, b] of this.buckets) {
        if (b.tokens >= this.options.burst) this.buckets.delete(k);
      }
    }
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again. */
  retryAfterSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil((1 - bucket.tokens) / this.options.perSecond);
  }
}

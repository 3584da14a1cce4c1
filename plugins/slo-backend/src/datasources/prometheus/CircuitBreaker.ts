/** Thrown without calling the upstream while the breaker is open. */
export class CircuitOpenError extends Error {
  readonly name = 'CircuitOpenError';
  constructor(readonly retryAtMs: number) {
    super(
      `circuit breaker open after repeated failures; retrying after ${new Date(
        retryAtMs,
      ).toISOString()}`,
    );
  }
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** Time the circuit stays open before one trial call is let through (default 30s). */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * Classic three-state breaker: closed until `failureThreshold` consecutive
 * failures; open (fail fast) for `cooldownMs`; then half-open, where one
 * trial call decides between closed (success) and open again (failure).
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: CircuitState = 'closed';
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = Math.max(1, options.failureThreshold ?? 5);
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (
      this.current === 'open' &&
      this.now() - this.openedAt >= this.cooldownMs
    ) {
      return 'half-open';
    }
    return this.current;
  }

  /**
   * Runs `fn` through the breaker. Errors for which `isFailure` returns false
   * (e.g. a 400 for a bad query: the upstream is healthy) count as successes.
   */
  async execute<T>(
    fn: () => Promise<T>,
    isFailure: (error: unknown) => boolean = () => true,
  ): Promise<T> {
    const state = this.state;
    if (state === 'open') {
      throw new CircuitOpenError(this.openedAt + this.cooldownMs);
    }
    if (state === 'half-open') {
      if (this.trialInFlight) {
        throw new CircuitOpenError(this.now() + this.cooldownMs);
      }
      this.trialInFlight = true;
    }
    try {
      const result = await fn();
      this.onSuccess();
      return result;
    } catch (error) {
      if (isFailure(error)) {
        this.onFailure(state === 'half-open');
      } else {
        this.onSuccess();
      }
      throw error;
    } finally {
      if (state === 'half-open') {
        this.trialInFlight = false;
      }
    }
  }

  private onSuccess() {
    this.failures = 0;
    this.current = 'closed';
  }

  private onFailure(wasTrial: boolean) {
    this.failures += 1;
    if (wasTrial || this.failures >= this.threshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }
}

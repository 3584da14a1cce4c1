import { CircuitBreaker, CircuitOpenError } from './CircuitBreaker';

/** A failed Prometheus request; `retryable` for 5xx, 429, timeouts and network errors. */
export class PrometheusError extends Error {
  readonly name = 'PrometheusError';
  constructor(
    message: string,
    readonly options: {
      status?: number;
      errorType?: string;
      retryable: boolean;
    },
  ) {
    super(message);
  }
  get status() {
    return this.options.status;
  }
  get retryable() {
    return this.options.retryable;
  }
}

export interface PrometheusMatrixSeries {
  metric: Record<string, string>;
  /** `[unix seconds, "value"]` pairs. */
  values: [number, string][];
}

export interface PrometheusClientOptions {
  /** e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  baseUrl: string;
  /** Extra headers, e.g. `{ Authorization: 'Bearer ...' }`. */
  headers?: Record<string, string>;
  /** Per attempt (default 10s). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable errors (default 3). */
  retries?: number;
  /** Base of the exponential backoff (default 200ms); full jitter is applied. */
  retryBaseDelayMs?: number;
  /** Cap of one backoff delay (default 5s). */
  retryMaxDelayMs?: number;
  breaker?: CircuitBreaker;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

/**
 * Minimal Prometheus HTTP API client (`/api/v1/query_range`) with timeouts,
 * retries with exponential backoff and full jitter on retryable errors, and a
 * circuit breaker around every attempt.
 */
export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  readonly breaker: CircuitBreaker;

  constructor(private readonly options: PrometheusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.breaker = options.breaker ?? new CircuitBreaker();
  }

  /** Delay before retry number `attempt` (1-based): uniform in [0, min(cap, base * 2^(attempt-1))]. */
  backoffDelay(attempt: number): number {
    const base = this.options.retryBaseDelayMs ?? 200;
    const cap = this.options.retryMaxDelayMs ?? 5000;
    return Math.floor(this.random() * Math.min(cap, base * 2 ** (attempt - 1)));
  }

  async queryRange(request: {
    query: string;
    startSeconds: number;
    endSeconds: number;
    stepSeconds: number;
    signal?: AbortSignal;
  }): Promise<PrometheusMatrixSeries[]> {
    const body = new URLSearchParams({
      query: request.query,
      start: String(request.startSeconds),
      end: String(request.endSeconds),
      step: String(request.stepSeconds),
    });
    const data = await this.request(
      '/api/v1/query_range',
      body,
      request.signal,
    );
    if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) {
      throw new PrometheusError(
        `unexpected query_range result type '${data?.resultType}'`,
        { retryable: false },
      );
    }
    return data.result as PrometheusMatrixSeries[];
  }

  private async request(
    path: string,
    body: URLSearchParams,
    signal?: AbortSignal,
  ) {
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.breaker.execute(
          () => this.attempt(path, body, signal),
          e => e instanceof PrometheusError && e.retryable,
        );
      } catch (error) {
        const retryable = error instanceof PrometheusError && error.retryable;
        if (!retryable || attempt >= retries || signal?.aborted) {
          throw error;
        }
        if (error instanceof CircuitOpenError) {
          throw error;
        }
        await this.sleep(this.backoffDelay(attempt + 1));
      }
    }
  }

  private async attempt(
    path: string,
    body: URLSearchParams,
    signal?: AbortSignal,
  ) {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          ...this.options.headers,
        },
        body,
        signal: combined,
      });
    } catch (e) {
      const reason = timeout.aborted ? 'timed out' : (e as Error).message;
      throw new PrometheusError(`Prometheus request failed: ${reason}`, {
        retryable: !signal?.aborted,
      });
    }
    const text = await response.text().catch(() => '');
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok || json?.status !== 'success') {
      const retryable =
        response.status >= 500 ||
        response.status === 429 ||
        (response.ok && !json);
      const detail = json?.error ?? text.slice(0, 200);
      throw new PrometheusError(
        `Prometheus ${response.status}${
          json?.errorType ? ` ${json.errorType}` : ''
        }: ${detail}`,
        { status: response.status, errorType: json?.errorType, retryable },
      );
    }
    return json.data;
  }
}

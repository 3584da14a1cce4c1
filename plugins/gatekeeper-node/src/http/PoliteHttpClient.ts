import { createHash } from 'crypto';

/** An answer of {@link PoliteHttpClient}. @public */
export interface PoliteResponse<T = unknown> {
  status: number;
  url: string;
  headers: Headers;
  /** The parsed JSON body; undefined for an empty or non-JSON body. */
  body: T | undefined;
  /** The raw body text. */
  text: string;
  /** True when the server answered 304 and the body came from the ETag cache. */
  notModified: boolean;
}

/** The server kept rate limiting (or was unavailable) beyond the allowed wait. @public */
export class RateLimitedError extends Error {
  readonly url: string;
  /** When the limit resets, if the server said so. */
  readonly until?: Date;
  constructor(options: { url: string; status?: number; until?: Date }) {
    const when = options.until ? ` until ${options.until.toISOString()}` : '';
    const status = options.status ? ` (HTTP ${options.status})` : '';
    super(`rate limited${status}${when} at ${options.url}`);
    this.name = 'RateLimitedError';
    this.url = options.url;
    this.until = options.until;
  }
}

/** A non-2xx answer where the caller needed a successful one. @public */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly url: string;
  constructor(options: { status: number; url: string; message?: string }) {
    super(
      `HTTP ${options.status} from ${options.url}${
        options.message ? `: ${options.message}` : ''
      }`,
    );
    this.name = 'HttpStatusError';
    this.status = options.status;
    this.url = options.url;
  }
}

/** Options of {@link PoliteHttpClient}. @public */
export interface PoliteHttpClientOptions {
  fetch?: typeof fetch;
  /** Waits; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Retries of a rate-limited or unavailable request. Default 3. */
  maxRetries?: number;
  /** Longest single wait before giving up with RateLimitedError. Default 60 s. */
  maxWaitMs?: number;
  /** ETag cache entries kept (least recently used evicted). Default 2000. */
  cacheSize?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
}

interface CacheEntry {
  etag: string;
  text: string;
  headers: Headers;
}

/** The URLs of an RFC 8288 `Link` header by relation (`next`, `last`, ...). @public */
export function parseLinkHeader(
  header: string | null | undefined,
): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match) {
      for (const rel of match[2].split(/\s+/)) links[rel] = match[1];
    }
  }
  return links;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An HTTP client that is polite to SaaS APIs: conditional requests
 * with ETags (a 304 answers from a per-URL, per-credential cache), back-off on
 * 429/503 and on GitHub-style primary and secondary rate limits (`retry-after`,
 * `x-ratelimit-remaining`/`x-ratelimit-reset`), no request to an origin known
 * to be exhausted, and pagination through `Link` headers.
 * @public
 */
export class PoliteHttpClient {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly cacheSize: number;
  private readonly timeoutMs: number;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(options: PoliteHttpClientOptions = {}) {
    this.fetchFn = options.fetch ?? fetch;
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.cacheSize = options.cacheSize ?? 2000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Entries in the ETag cache. */
  get cachedEntries(): number {
    return this.cache.size;
  }

  /**
   * GETs a URL. Any final status is returned (the caller decides what a 404
   * means); throws RateLimitedError when limits outlast the allowed wait.
   */
  async get<T = unknown>(
    url: string,
    options: { headers?: Record<string, string> } = {},
  ): Promise<PoliteResponse<T>> {
    const headers = { ...options.headers };
    const cacheKey = this.cacheKey(url, headers);
    let cached: CacheEntry | undefined;
    const { response, text } = await this.send(url, () => {
      cached = this.cache.get(cacheKey);
      return {
        headers: cached
          ? { ...headers, 'If-None-Match': cached.etag }
          : headers,
      };
    });
    if (response.status === 304 && cached) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return this.answer<T>(url, 200, cached.headers, cached.text, true);
    }
    const etag = response.headers.get('etag');
    if (response.ok && etag)
      this.remember(cacheKey, { etag, text, headers: response.headers });
    return this.answer<T>(url, response.status, response.headers, text, false);
  }

  /**
   * POSTs a JSON body (e.g. a GraphQL query) with the same back-off and
   * rate-limit handling as `get`; no caching. Any final status is returned.
   */
  async post<T = unknown>(
    url: string,
    options: { headers?: Record<string, string>; body: unknown },
  ): Promise<PoliteResponse<T>> {
    const headers = { 'Content-Type': 'application/json', ...options.headers };
    const body = JSON.stringify(options.body);
    const { response, text } = await this.send(url, () => ({
      method: 'POST',
      headers,
      body,
    }));
    return this.answer<T>(url, response.status, response.headers, text, false);
  }

  /** One request with waits for known limits and retries of limited answers. */
  private async send(
    url: string,
    init: () => RequestInit,
  ): Promise<{ response: Response; text: string }> {
    const origin = new URL(url).origin;
    for (let attempt = 0; ; attempt++) {
      await this.waitForOrigin(origin, url);
      const response = await this.fetchFn(url, {
        ...init(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      this.recordLimit(origin, response.headers);
      const retryWait = this.retryWait(response, text, attempt);
      if (retryWait === undefined) return { response, text };
      if (attempt >= this.maxRetries || retryWait > this.maxWaitMs) {
        // Later requests to this origin fail fast instead of piling on.
        this.blockedUntil.set(origin, this.now() + retryWait);
        throw new RateLimitedError({
          url,
          status: response.status,
          until: new Date(this.now() + retryWait),
        });
      }
      await this.sleep(retryWait);
      this.blockedUntil.delete(origin);
    }
  }

  /**
   * GETs every page of a list, following `Link: <...>; rel="next"` up to
   * `maxPages`. Throws HttpStatusError on a non-2xx page.
   */
  async getAllPages<T>(
    url: string,
    options: {
      headers?: Record<string, string>;
      maxPages?: number;
      /** Extracts the items of one page; default: the body when it is an array. */
      items?: (body: unknown) => T[];
    } = {},
  ): Promise<{ items: T[]; pages: number; truncated: boolean }> {
    const extract =
      options.items ?? ((body: unknown) => (Array.isArray(body) ? body : []));
    const maxPages = options.maxPages ?? 10;
    const items: T[] = [];
    let next: string | undefined = url;
    let pages = 0;
    while (next && pages < maxPages) {
      const page: PoliteResponse = await this.get(next, options);
      if (page.status < 200 || page.status >= 300) {
        throw new HttpStatusError({
          status: page.status,
          url: next,
          message: messageOf(page.body),
        });
      }
      pages++;
      items.push(...extract(page.body));
      next = parseLinkHeader(page.headers.get('link')).next;
    }
    return { items, pages, truncated: next !== undefined };
  }

  private answer<T>(
    url: string,
    status: number,
    headers: Headers,
    text: string,
    notModified: boolean,
  ): PoliteResponse<T> {
    return {
      url,
      status,
      headers,
      text,
      body: parseJson(text) as T,
      notModified,
    };
  }

  private cacheKey(url: string, headers: Record<string, string>): string {
    const auth = Object.entries(headers)
      .filter(([name]) => name.toLowerCase() === 'authorization')
      .map(([, value]) => value)
      .join();
    return `${url}\n${createHash('sha256').update(auth).digest('hex')}`;
  }

  private remember(key: string, entry: CacheEntry) {
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  private async waitForOrigin(origin: string, url: string) {
    const until = this.blockedUntil.get(origin);
    if (until === undefined) return;
    const wait = until - this.now();
    if (wait <= 0) {
      this.blockedUntil.delete(origin);
      return;
    }
    if (wait > this.maxWaitMs) {
      throw new RateLimitedError({ url, until: new Date(until) });
    }
    await this.sleep(wait);
    this.blockedUntil.delete(origin);
  }

  /** Remembers an exhausted primary limit (remaining 0) until its reset. */
  private recordLimit(origin: string, headers: Headers) {
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
      this.blockedUntil.set(origin, reset * 1000);
    }
  }

  /** How long to wait before retrying, or undefined when not to retry. */
  private retryWait(
    response: Response,
    text: string,
    attempt: number,
  ): number | undefined {
    const { status, headers } = response;
    const retryAfter = headers.get('retry-after');
    const limited =
      status === 429 ||
      status === 503 ||
      (status === 403 &&
        (retryAfter !== null ||
          headers.get('x-ratelimit-remaining') === '0' ||
          /rate limit/i.test(text)));
    if (!limited) return undefined;
    if (retryAfter !== null) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const date = Date.parse(retryAfter);
      if (Number.isFinite(date)) return Math.max(0, date - this.now());
    }
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.get('x-ratelimit-remaining') === '0' && reset > 0) {
      return Math.max(0, reset * 1000 - this.now()) + 1000;
    }
    // Secondary limits without headers: at least a minute (GitHub's advice);
    // 429/503 without headers: exponential back-off from one second.
    return status === 403 ? 60_000 : 1000 * 2 ** attempt;
  }
}

/** The `message` of a JSON error body (GitHub, SonarQube `errors[].msg`). @public */
export function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { message?: unknown; errors?: unknown };
  if (typeof record.message === 'string') return record.message;
  if (Array.isArray(record.errors)) {
    const msgs = record.errors
      .map(e =>
        e && typeof e === 'object' ? (e as { msg?: unknown }).msg : undefined,
      )
      .filter((m): m is string => typeof m === 'string');
    if (msgs.length) return msgs.join('; ');
  }
  return undefined;
}

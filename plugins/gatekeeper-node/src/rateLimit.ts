import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Request, RequestHandler } from 'express';
import { principalScope } from './idempotency';
import { TokenBucketLimiter } from './TokenBucketLimiter';

/**
 * Limits of {@link createWriteRateLimiter}.
 * @public
 */
export interface WriteRateLimits {
  /** Sustained writes per minute per authenticated caller. */
  writesPerMinute: number;
  /** Bucket capacity per caller (default: writesPerMinute). */
  burst?: number;
  /** Requests per minute per client IP that fail authentication. */
  failedAuthPerMinute: number;
  /** Bucket capacity per client IP for failed authentication. */
  failedAuthBurst?: number;
}

/** @public */
export const DEFAULT_WRITE_RATE_LIMITS: WriteRateLimits = {
  writesPerMinute: 600,
  failedAuthPerMinute: 60,
};

/**
 * Reads `<prefix>.rateLimit.{writesPerMinute,burst,failedAuthPerMinute,failedAuthBurst}`.
 * @public
 */
export function readWriteRateLimits(
  config: Config,
  prefix: string,
): WriteRateLimits {
  const c = config.getOptionalConfig(`${prefix}.rateLimit`);
  return {
    writesPerMinute:
      c?.getOptionalNumber('writesPerMinute') ??
      DEFAULT_WRITE_RATE_LIMITS.writesPerMinute,
    burst: c?.getOptionalNumber('burst'),
    failedAuthPerMinute:
      c?.getOptionalNumber('failedAuthPerMinute') ??
      DEFAULT_WRITE_RATE_LIMITS.failedAuthPerMinute,
    failedAuthBurst: c?.getOptionalNumber('failedAuthBurst'),
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client address of a request (Express `req.ip`, honouring `trust proxy`). */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function bucket(
  perMinute: number,
  burst: number | undefined,
  now?: () => number,
) {
  return new TokenBucketLimiter({
    burst: Math.max(1, burst ?? perMinute),
    perSecond: Math.max(perMinute, 1e-6) / 60,
    now,
  });
}

/**
 * Per-caller token-bucket limit of mutating requests (every method but GET,
 * HEAD and OPTIONS), answering 429 with `Retry-After` (seconds) and
 * Backstage's error body. `identify` names the caller, or resolves to
 * undefined (or throws) when the request is not authenticated: such
 * requests draw from a separate bucket per client IP, so failed
 * authentication never spends an authenticated caller's tokens. The request
 * then continues, so the route answers its own 401.
 * @public
 */
export function createWriteRateLimiter(
  options: WriteRateLimits & {
    identify: (req: Request) => Promise<string | undefined>;
    /** Routes the limiter leaves alone (e.g. one with its own limiter). */
    skip?: (req: Request) => boolean;
    now?: () => number;
  },
): RequestHandler {
  const callers = bucket(options.writesPerMinute, options.burst, options.now);
  const failures = bucket(
    options.failedAuthPerMinute,
    options.failedAuthBurst,
    options.now,
  );
  return async (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || options.skip?.(req)) {
      next();
      return;
    }
    let caller: string | undefined;
    try {
      caller = await options.identify(req);
    } catch {
      caller = undefined;
    }
    const [limiter, key] =
      caller === undefined
        ? [failures, `ip:${clientIp(req)}`]
        : [callers, `caller:${caller}`];
    if (limiter.take(key)) {
      next();
      return;
    }
    const retryAfter = Math.max(1, limiter.retryAfterSeconds(key));
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({
      error: {
        name: 'TooManyRequestsError',
        message:
          caller === undefined
            ? `Too many unauthenticated requests; retry in ${retryAfter} s`
            : `Rate limit of writes exceeded; retry in ${retryAfter} s`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 429 },
    });
  };
}

/**
 * `identify` for {@link createWriteRateLimiter} from Backstage credentials:
 * the user entity ref or service subject (see principalScope).
 * @public
 */
export function identifyByCredentials(
  httpAuth: HttpAuthService,
): (req: Request) => Promise<string | undefined> {
  return async req =>
    principalScope(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/** Errors whose message is written for the caller (4xx of @backstage/errors, body-parser). */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'ServiceUnavailableError',
]);

/**
 * Replaces unexpected errors (database, driver, programming errors) by a
 * generic one before Backstage's error middleware answers, so no SQL text or
 * stack detail reaches the caller; the original is logged.
 */
export function hideInternalErrors(logger: LoggerService): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const status = (error as { status?: unknown; statusCode?: unknown })
      ?.status;
    if (
      isError(error) &&
      (CALLER_ERRORS.has(error.name) ||
        (typeof status === 'number' && status >= 400 && status < 500))
    ) {
      next(error);
      return;
    }
    logger.error(
      `${req.method} ${req.path} failed`,
      isError(error) ? error : undefined,
    );
    const hidden = new Error('Internal error; see the backend log');
    hidden.name = 'InternalError';
    next(hidden);
  };
}

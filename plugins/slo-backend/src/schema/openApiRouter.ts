import {
  ApiRouter,
  createValidatedOpenApiRouter,
} from '@backstage/backend-openapi-utils';
import { RequestHandler } from 'express';
import { isStrictIsoDate } from '../incidents/dates';
import { spec } from './openapi.generated';

/** The SLO backend's document, as the typed router reads it. */
export type SloApiSpec = typeof spec;

/** Express router typed by the spec: paths, parameters, bodies and responses. */
export type SloApiRouter = ApiRouter<SloApiSpec>;

/**
 * The typed router of `openapi.yaml`: every documented request is validated
 * against the spec before a route handler runs, and a violation is answered
 * 400 with Backstage's error body (`InputError`). Security is not validated
 * here: `httpAuth` (and the webhook's own token check) authenticates, so a
 * missing token stays a 401.
 */
export function createOpenApiRouter(options: {
  /** Runs before validation (rate limits, body parser). */
  middleware: RequestHandler[];
}): SloApiRouter {
  return createValidatedOpenApiRouter<SloApiSpec>(spec, {
    middleware: options.middleware,
    validatorOptions: {
      // Backstage's defaults, and every violation in the message, not only the first
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
      validateSecurity: false,
      // `date-time` as strict ISO 8601 that exists in the calendar (seconds optional)
      formats: {
        'date-time': {
          type: 'string',
          validate: (v: string) => v.length <= 40 && isStrictIsoDate(v),
        },
      },
    },
  });
}

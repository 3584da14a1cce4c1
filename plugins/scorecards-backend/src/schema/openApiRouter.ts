import {
  ApiRouter,
  createValidatedOpenApiRouter,
} from '@backstage/backend-openapi-utils';
import { RequestHandler } from 'express';
import { spec } from './openapi.generated';

/** The scorecards backend's document, as the typed router reads it. */
export type ScorecardsApiSpec = typeof spec;

/** Express router typed by the spec: paths, parameters, bodies and responses. */
export type ScorecardsApiRouter = ApiRouter<ScorecardsApiSpec>;

/**
 * Paths whose request is checked by its own parser instead: the facts push
 * carries arbitrary JSON fact values (depth, string lengths, fact ids as
 * keys) and CI reporters rely on its messages (`commit is a SHA ...`).
 * Its handler still gets the spec's types.
 */
const SELF_VALIDATED = new Set(['/facts']);

/**
 * The path within the plugin of what the validator passes to `ignorePaths`:
 * `/facts` where the router is mounted at `/`, `/api/scorecards//facts` under
 * the plugin's base URL.
 */
function routePath(path: string): string {
  const bare = path.split('?')[0];
  const mount = bare.lastIndexOf('//');
  return mount === -1 ? bare : bare.slice(mount + 1);
}

/**
 * The typed router of `openapi.yaml`: every documented request is validated
 * against the spec before a route handler runs, and a violation is answered
 * 400 with Backstage's error body (`InputError`, every violation named).
 * Security is not validated here: `httpAuth` authenticates, so a missing
 * token stays a 401.
 */
export function createOpenApiRouter(options: {
  /** Runs before validation (rate limits, body parser). */
  middleware: RequestHandler[];
}): ScorecardsApiRouter {
  return createValidatedOpenApiRouter<ScorecardsApiSpec>(spec, {
    middleware: options.middleware,
    validatorOptions: {
      // Backstage's defaults, and every violation in the message, not only the first
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
      validateSecurity: false,
      ignorePaths: (path: string) => SELF_VALIDATED.has(routePath(path)),
    },
  });
}

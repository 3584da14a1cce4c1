import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  authorize as authorizePermission,
  createErrorSanitizer,
  createWriteRateLimiter,
  DEFAULT_WRITE_RATE_LIMITS,
  identifyByCredentials,
  normalizeEntityRef,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import express from 'express';
import { createOpenApiRouter } from '../schema/openApiRouter';
import { aggregateRoutes } from './routes/aggregateRoutes';
import { campaignRoutes } from './routes/campaignRoutes';
import { entityRoutes } from './routes/entityRoutes';
import { factsRoutes } from './routes/factsRoutes';
import { meRoutes } from './routes/meRoutes';
import { policyRoutes } from './routes/policyRoutes';
import { ApiRequest, RouteContext } from './routes/RouteContext';
import { waiverRequestRoutes } from './routes/waiverRequestRoutes';
import { ScorecardsService } from './ScorecardsService';

export { pushFactsSchema } from './routes/schemas';

/** Options of the router. */
export interface RouterOptions {
  service: ScorecardsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  /** The signed-in user's groups (`GET /me/summary`). */
  userInfo: UserInfoService;
  /** Per-caller limits of the POST routes. */
  rateLimits?: WriteRateLimits;
}

/**
 * The REST API, typed and validated by src/schema/openapi.yaml: rate limit
 * and JSON body first, then the spec's request validation, then one group of routes per concern (see ./routes) added to this
 * router, then the error sanitizer. A new group of routes is a function of
 * the router and the same {@link RouteContext}.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor } = options;
  // the typed router of openapi.yaml: requests are validated by the spec
  const router = createOpenApiRouter({
    middleware: [
      createWriteRateLimiter({
        ...(options.rateLimits ?? DEFAULT_WRITE_RATE_LIMITS),
        identify: identifyByCredentials(httpAuth),
      }),
      express.json({ limit: '1mb' }),
    ],
  });

  async function authorize(
    req: ApiRequest,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizePermission({ permissions, credentials, permission });
    return credentials;
  }

  async function visibleEntityRef(
    req: ApiRequest<{ kind: string; namespace: string; name: string }>,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const { kind, namespace, name } = req.params;
    const entityRef = normalizeEntityRef(`${kind}:${namespace}/${name}`, {
      what: 'entity',
    });
    await service.visibility.assertVisible(entityRef, credentials);
    return entityRef;
  }

  const context: RouteContext = {
    service,
    auditor,
    authorize,
    visibleEntityRef,
  };
  entityRoutes(router, context);
  aggregateRoutes(router, context);
  factsRoutes(router, context);
  policyRoutes(router, context);
  meRoutes(router, { ...options, service, httpAuth, permissions });
  waiverRequestRoutes(router, context);
  campaignRoutes(router, context);

  router.use(createErrorSanitizer({ logger: options.logger }));
  return router;
}

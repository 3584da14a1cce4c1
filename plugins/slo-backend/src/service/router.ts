import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  createWriteRateLimiter,
  DEFAULT_WRITE_RATE_LIMITS,
  identifyByCredentials,
  IdempotencyTiming,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import express, { RequestHandler } from 'express';
import { defaultDeliveryConfig, DeliveryConfig } from '../config';
import { SloStores } from '../database/SloStores';
import { DeliveryMetricsService } from '../delivery/deliveryMetricsService';
import { registerDeliveryRoutes } from '../delivery/deliveryRoutes';
import {
  alertmanagerWebhookAuth,
  registerAlertmanagerRoutes,
} from '../incidents/alertmanagerRoutes';
import { registerIncidentRoutes } from '../incidents/incidentRoutes';
import { registerFreezeOverrideRoutes } from '../policy/freezeOverrideRoutes';
import { createOpenApiRouter } from '../schema/openApiRouter';
import { hideInternalErrors } from './hideInternalErrors';
import { registerReadRoutes } from './readRoutes';
import { createRouteContext } from './routeContext';
import { bearerMatches } from './routerInput';
import { SloService } from './SloService';

export interface RouterOptions {
  service: SloService;
  stores: SloStores;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  webhookToken?: string;
  entityLabels: string[];
  severityLabel: string;
  /** Limit of authenticated Alertmanager webhook calls. */
  rateLimit: { burst: number; perSecond: number };
  /** Per-caller limits of the other write routes; failed authentication per IP. */
  writeRateLimits?: WriteRateLimits;
  /** TTL, lease and wait of Idempotency-Keys. */
  idempotency?: IdempotencyTiming;
  /** Delivery metrics settings (`slo.delivery`). */
  delivery?: DeliveryConfig;
  now?: () => number;
}

const WEBHOOK_PATH = '/alertmanager/webhook';

/**
 * Per-caller write limits, and the webhook's own limit and token check keyed
 * on its token: they run before the spec's validation, so an unauthenticated
 * webhook call is a 401 whatever its body.
 */
function rateLimitsAndWebhookAuth(options: RouterOptions): RequestHandler[] {
  const now = options.now ?? Date.now;
  const writeLimits = options.writeRateLimits ?? DEFAULT_WRITE_RATE_LIMITS;
  const writeLimiter = createWriteRateLimiter({
    ...writeLimits,
    identify: identifyByCredentials(options.httpAuth),
    skip: req => req.path === WEBHOOK_PATH,
    now,
  });
  const webhookLimiter = createWriteRateLimiter({
    writesPerMinute: options.rateLimit.perSecond * 60,
    burst: options.rateLimit.burst,
    failedAuthPerMinute: writeLimits.failedAuthPerMinute,
    failedAuthBurst: writeLimits.failedAuthBurst,
    identify: async req =>
      options.webhookToken &&
      bearerMatches(req.header('authorization'), options.webhookToken)
        ? 'alertmanager-webhook'
        : undefined,
    now,
  });
  const webhookAuth = alertmanagerWebhookAuth(options.webhookToken);
  return [
    writeLimiter,
    (req, res, next) =>
      req.path === WEBHOOK_PATH ? webhookLimiter(req, res, next) : next(),
    (req, res, next) =>
      req.path === WEBHOOK_PATH ? webhookAuth(req, res, next) : next(),
  ];
}

/** The SLO backend's HTTP API, typed and validated by src/schema/openapi.yaml (see ../schema/openApiRouter.ts). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = createOpenApiRouter({
    middleware: [
      ...rateLimitsAndWebhookAuth(options),
      express.json({ limit: '2mb' }),
    ],
  });

  const ctx = createRouteContext({ ...options, now: options.now ?? Date.now });
  const delivery = options.delivery ?? defaultDeliveryConfig();
  const metrics = new DeliveryMetricsService({
    deployments: options.stores.deployments,
    incidents: options.stores.incidents,
    service: options.service,
    config: delivery,
    now: ctx.now,
  });
  registerReadRoutes(router, ctx, {
    decorateIncidents: r => metrics.withPrecedingDeployments(r),
  });
  registerIncidentRoutes(router, ctx);
  registerFreezeOverrideRoutes(router, ctx);
  registerAlertmanagerRoutes(router, ctx, options);
  registerDeliveryRoutes(router, ctx, metrics, delivery);

  router.use(hideInternalErrors(options.logger));
  return router;
}

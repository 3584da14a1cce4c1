import { RequestHandler } from 'express';
import { SloApiRouter } from '../schema/openApiRouter';
import { RouteContext } from '../service/routeContext';
import { bearerMatches } from '../service/routerInput';
import { applyAlertmanagerPayload } from './alertmanagerWebhook';

export interface AlertmanagerRouteOptions {
  /** Bearer token of the webhook; without it the webhook answers 401. */
  webhookToken?: string;
  entityLabels: string[];
  severityLabel: string;
}

/**
 * The webhook's bearer token check; it runs before the spec's validation so
 * that a caller without the token learns nothing about the payload format.
 */
export function alertmanagerWebhookAuth(webhookToken?: string): RequestHandler {
  return (req, res, next) => {
    if (
      webhookToken &&
      bearerMatches(req.header('authorization'), webhookToken)
    ) {
      next();
      return;
    }
    res.status(401).json({
      error: {
        name: 'AuthenticationError',
        message: webhookToken
          ? 'invalid or missing webhook bearer token'
          : 'webhook disabled: slo.alertmanager.webhookToken is not configured',
      },
    });
  };
}

/** POST /alertmanager/webhook: alerts open and resolve incidents (body validated by the spec). */
export function registerAlertmanagerRoutes(
  router: SloApiRouter,
  ctx: RouteContext,
  options: AlertmanagerRouteOptions,
) {
  router.post('/alertmanager/webhook', async (req, res) => {
    const payload = req.body;
    const result = await applyAlertmanagerPayload({
      payload,
      store: ctx.stores.incidents,
      entityLabels: options.entityLabels,
      severityLabel: options.severityLabel,
    });
    ctx.logger.info('Alertmanager notification applied', {
      receiver: payload.receiver,
      status: payload.status,
      created: result.created,
      resolved: result.resolved,
      ignored: result.ignored,
    });
    res.status(200).json(result);
  });
}

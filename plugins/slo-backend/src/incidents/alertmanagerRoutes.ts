import express from 'express';
import { RouteContext } from '../service/routeContext';
import { bearerMatches, parse } from '../service/routerInput';
import {
  alertmanagerPayloadSchema,
  applyAlertmanagerPayload,
} from './alertmanagerWebhook';

export interface AlertmanagerRouteOptions {
  /** Bearer token of the webhook; without it the webhook answers 401. */
  webhookToken?: string;
  entityLabels: string[];
  severityLabel: string;
}

/** POST /alertmanager/webhook: alerts open and resolve incidents. */
export function registerAlertmanagerRoutes(
  router: express.Router,
  ctx: RouteContext,
  options: AlertmanagerRouteOptions,
) {
  router.post('/alertmanager/webhook', async (req, res) => {
    if (
      !options.webhookToken ||
      !bearerMatches(req.header('authorization'), options.webhookToken)
    ) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message: options.webhookToken
            ? 'invalid or missing webhook bearer token'
            : 'webhook disabled: slo.alertmanager.webhookToken is not configured',
        },
      });
      return;
    }
    const payload = parse(
      alertmanagerPayloadSchema,
      req.body,
      'Alertmanager payload',
    );
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

import { sloFreezeOverridePermission } from '@gatekeeper/plugin-slo-common';
import express from 'express';
import { RouteContext } from '../service/routeContext';
import {
  overrideSchema,
  parse,
  principalOf,
  toEntityRef,
} from '../service/routerInput';
import { newFreezeOverride } from './freezeOverride';

/** POST /freeze/:entityRef/override: lifts the change freeze for a while. */
export function registerFreezeOverrideRoutes(
  router: express.Router,
  ctx: RouteContext,
) {
  router.post('/freeze/:entityRef/override', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parse(overrideSchema, req.body, 'override');
    const entityRef = toEntityRef(req.params.entityRef);
    await ctx.authorizeOn(credentials, sloFreezeOverridePermission, entityRef);
    const by = principalOf(credentials);
    const override = newFreezeOverride({
      entityRef,
      by,
      reason: body.reason,
      expiresAt: body.expiresAt,
      nowMs: ctx.now(),
    });
    await ctx.service.getEntity(entityRef, credentials);
    await ctx.audited(
      req,
      'freeze-override',
      { entityRef, by, reason: body.reason, expiresAt: override.expiresAt },
      () => ctx.stores.freezeOverrides.addFreezeOverride(override),
      'high',
    );
    ctx.logger.info(`freeze of ${entityRef} overridden by ${by}`, {
      entityRef,
      by,
    });
    res.status(201).json(override);
  });
}

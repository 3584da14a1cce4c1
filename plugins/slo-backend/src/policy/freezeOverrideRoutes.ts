import { sloFreezeOverridePermission } from '@gatekeeper/plugin-slo-common';
import { SloApiRouter } from '../schema/openApiRouter';
import { RouteContext } from '../service/routeContext';
import { principalOf, toEntityRef } from '../service/routerInput';
import { newFreezeOverride } from './freezeOverride';

/** POST /freeze/:entityRef/override: lifts the change freeze for a while. */
export function registerFreezeOverrideRoutes(
  router: SloApiRouter,
  ctx: RouteContext,
) {
  router.post('/freeze/:entityRef/override', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const reason = req.body.reason.trim();
    const { expiresAt } = req.body;
    const entityRef = toEntityRef(req.params.entityRef);
    await ctx.authorizeOn(credentials, sloFreezeOverridePermission, entityRef);
    const by = principalOf(credentials);
    const override = newFreezeOverride({
      entityRef,
      by,
      reason,
      expiresAt,
      nowMs: ctx.now(),
    });
    await ctx.service.getEntity(entityRef, credentials);
    await ctx.audited(
      req,
      'freeze-override',
      { entityRef, by, reason, expiresAt: override.expiresAt },
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

import { InputError } from '@backstage/errors';
import { sloIncidentsManagePermission } from '@gatekeeper/plugin-slo-common';
import { SloApiRouter } from '../schema/openApiRouter';
import { RouteContext } from '../service/routeContext';
import { incidentIdOf, toEntityRef } from '../service/routerInput';
import { withinFutureSkew } from './dates';

/** POST /incidents: a manual incident on an entity the caller may manage. */
function registerCreateIncident(router: SloApiRouter, ctx: RouteContext) {
  const { httpAuth, now, stores } = ctx;
  router.post('/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body;
    const entityRef = toEntityRef(body.entityRef);
    await ctx.authorizeOn(credentials, sloIncidentsManagePermission, entityRef);
    if (
      body.startedAt &&
      !withinFutureSkew(Date.parse(body.startedAt), now())
    ) {
      throw new InputError('invalid incident: startedAt lies in the future');
    }
    await ctx.idempotent(req, res, credentials, 'create-incident', async () => {
      await ctx.service.getEntity(entityRef, credentials);
      return ctx.audited(req, 'incident-create', { entityRef }, async () => {
        const { incident } = await stores.incidents.createIncident({
          entityRef,
          title: body.title,
          severity: body.severity,
          source: 'manual',
          startedAt: new Date(body.startedAt ?? now()).toISOString(),
          description: body.description,
          labels: body.labels,
        });
        return { status: 201, body: incident };
      });
    });
  });
}

/** POST /incidents/:id/acknowledge and /resolve. */
function registerTransition(
  router: SloApiRouter,
  ctx: RouteContext,
  action: 'acknowledge' | 'resolve',
) {
  const { httpAuth, now, stores } = ctx;
  router.post(`/incidents/:id/${action}`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body ?? {};
    const id = incidentIdOf(req);
    await ctx.authorizeOn(
      credentials,
      sloIncidentsManagePermission,
      await ctx.incidentEntityRef(id),
    );
    const atMs = body.at ? Date.parse(body.at) : now();
    if (!withinFutureSkew(atMs, now())) {
      throw new InputError('invalid request: at lies in the future');
    }
    await ctx.idempotent(req, res, credentials, `${action}:${id}`, () =>
      ctx.audited(req, `incident-${action}`, { incidentId: id }, async () => {
        const existing = await stores.incidents.getIncident(id);
        if (existing && atMs < Date.parse(existing.startedAt)) {
          throw new InputError(
            'invalid request: at lies before the incident started',
          );
        }
        const at = new Date(atMs).toISOString();
        const incident =
          action === 'acknowledge'
            ? await stores.incidents.acknowledgeIncident(id, at)
            : await stores.incidents.resolveIncident(id, at);
        return { status: 200, body: incident };
      }),
    );
  });
}

/** POST /incidents/:id/postmortem: links the postmortem document. */
function registerPostmortem(router: SloApiRouter, ctx: RouteContext) {
  router.post('/incidents/:id/postmortem', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { url } = req.body;
    const id = incidentIdOf(req);
    await ctx.authorizeOn(
      credentials,
      sloIncidentsManagePermission,
      await ctx.incidentEntityRef(id),
    );
    await ctx.idempotent(req, res, credentials, `postmortem:${id}`, () =>
      ctx.audited(
        req,
        'incident-postmortem',
        { incidentId: id, url },
        async () => ({
          status: 200,
          body: await ctx.stores.incidents.setPostmortem(id, url),
        }),
      ),
    );
  });
}

/** The manual incident API. */
export function registerIncidentRoutes(
  router: SloApiRouter,
  ctx: RouteContext,
) {
  registerCreateIncident(router, ctx);
  for (const action of ['acknowledge', 'resolve'] as const) {
    registerTransition(router, ctx, action);
  }
  registerPostmortem(router, ctx);
}

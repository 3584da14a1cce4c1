import { InputError } from '@backstage/errors';
import {
  DeploymentEvent,
  RollbackEvent,
  sloDeploymentsPushPermission,
  sloReadPermission,
} from '@gatekeeper/plugin-slo-common';
import { Request } from '@backstage/backend-openapi-utils';
import { withinFutureSkew } from '../incidents/dates';
import { SloApiRouter, SloApiSpec } from '../schema/openApiRouter';
import { RouteContext } from '../service/routeContext';
import { toEntityRef } from '../service/routerInput';
import { DeliveryMetricsService } from './deliveryMetricsService';

/** Events per push; distinct entities per push. */
const MAX_EVENTS = 200;
const MAX_ENTITIES = 20;

/** The push body; shapes, patterns and lengths are validated by the spec. */
type PushBody = Request<SloApiSpec, '/deployments', 'post'>;

/** At least one and at most MAX_EVENTS events; times in order and not in the future; entity refs normalised. */
function checkEvents(
  body: PushBody,
  nowMs: number,
): { deployments: DeploymentEvent[]; rollbacks: RollbackEvent[] } {
  const total = (body.deployments?.length ?? 0) + (body.rollbacks?.length ?? 0);
  if (total === 0) {
    throw new InputError('invalid events: at least one event');
  }
  if (total > MAX_EVENTS) {
    throw new InputError(`invalid events: at most ${MAX_EVENTS} events`);
  }
  const check = (e: { startedAt: string; finishedAt: string }, at: string) => {
    const started = Date.parse(e.startedAt);
    const finished = Date.parse(e.finishedAt);
    if (finished < started) {
      throw new InputError(`invalid ${at}: finishedAt lies before startedAt`);
    }
    if (!withinFutureSkew(finished, nowMs)) {
      throw new InputError(`invalid ${at}: finishedAt lies in the future`);
    }
  };
  const deployments = (body.deployments ?? []).map((d, i) => {
    check(d, `deployments.${i}`);
    if (d.commitAt && Date.parse(d.commitAt) > Date.parse(d.finishedAt)) {
      throw new InputError(
        `invalid deployments.${i}: commitAt lies after finishedAt`,
      );
    }
    return {
      ...d,
      entityRef: toEntityRef(d.entityRef),
      source: 'push' as const,
    };
  });
  const rollbacks = (body.rollbacks ?? []).map((r, i) => {
    check(r, `rollbacks.${i}`);
    return { ...r, entityRef: toEntityRef(r.entityRef) };
  });
  return { deployments, rollbacks };
}

/** POST /deployments: deployment and rollback events of the release workflow. */
function registerPush(router: SloApiRouter, ctx: RouteContext) {
  router.post('/deployments', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const events = checkEvents(req.body, ctx.now());
    const refs = [
      ...new Set(
        [...events.deployments, ...events.rollbacks].map(e => e.entityRef),
      ),
    ];
    if (refs.length > MAX_ENTITIES) {
      throw new InputError(`invalid events: at most ${MAX_ENTITIES} entities`);
    }
    for (const ref of refs) {
      await ctx.authorizeOn(credentials, sloDeploymentsPushPermission, ref);
    }
    await ctx.idempotent(
      req,
      res,
      credentials,
      'push-deployments',
      async () => {
        for (const ref of refs) {
          await ctx.service.getEntity(ref, credentials);
        }
        return ctx.audited(
          req,
          'deployments-push',
          {
            entityRefs: refs.join(','),
            events: String(events.deployments.length + events.rollbacks.length),
          },
          async () => ({
            status: 200,
            body: await ctx.stores.deployments.recordEvents(events),
          }),
        );
      },
    );
  });
}

/** Delivery metrics routes: the push API and the entity and rollup reads. */
export function registerDeliveryRoutes(
  router: SloApiRouter,
  ctx: RouteContext,
  metrics: DeliveryMetricsService,
  options: { retentionDays: number },
) {
  const windowDays = (window: string = '90d') => {
    const days = Number(window.slice(0, -1));
    if (days > options.retentionDays) {
      throw new InputError(
        `invalid query: window exceeds the ${options.retentionDays}-day retention`,
      );
    }
    return days;
  };
  registerPush(router, ctx);

  router.get('/metrics/entity/:kind/:namespace/:name', async (req, res) => {
    const credentials = await ctx.authorize(req, sloReadPermission);
    const days = windowDays(req.query.window);
    const entity = await ctx.entityFromPath(req, credentials);
    res.json(await metrics.entityMetrics(entity, days));
  });

  router.get('/metrics/rollup', async (req, res) => {
    const credentials = await ctx.authorize(req, sloReadPermission);
    const days = windowDays(req.query.window);
    const { by } = req.query;
    res.json(await metrics.rollup({ by, windowDays: days, credentials }));
  });
}

import { InputError } from '@backstage/errors';
import {
  DeploymentEvent,
  RollbackEvent,
  sloDeploymentsPushPermission,
  sloReadPermission,
} from '@gatekeeper/plugin-slo-common';
import express from 'express';
import { z } from 'zod';
import { strictIsoDate, withinFutureSkew } from '../incidents/dates';
import { RouteContext } from '../service/routeContext';
import { parse, toEntityRef } from '../service/routerInput';
import { DeliveryMetricsService } from './deliveryMetricsService';

/** Events per push; distinct entities per push. */
const MAX_EVENTS = 200;
const MAX_ENTITIES = 20;

const eventId = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'invalid id');
const environment = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'invalid environment');
const version = z.string().min(1).max(128);
const runUrl = z
  .string()
  .max(2000)
  .url()
  .refine(v => /^https?:\/\//.test(v), 'must be an http(s) URL');
const common = {
  id: eventId,
  entityRef: z.string().min(1).max(255),
  environment,
  startedAt: strictIsoDate,
  finishedAt: strictIsoDate,
  runUrl: runUrl.optional(),
};

const deploymentSchema = z
  .object({
    ...common,
    commit: z.string().regex(/^[0-9a-fA-F]{7,64}$/, 'must be a commit SHA'),
    commitAt: strictIsoDate.optional(),
    status: z.enum(['succeeded', 'failed', 'rolled_back']),
    version: version.optional(),
  })
  .strict();
const rollbackSchema = z
  .object({
    ...common,
    fromVersion: version.optional(),
    toVersion: version.optional(),
  })
  .strict();
const pushSchema = z
  .object({
    deployments: z.array(deploymentSchema).max(MAX_EVENTS).default([]),
    rollbacks: z.array(rollbackSchema).max(MAX_EVENTS).default([]),
  })
  .strict()
  .refine(
    b => b.deployments.length + b.rollbacks.length > 0,
    'at least one event',
  )
  .refine(
    b => b.deployments.length + b.rollbacks.length <= MAX_EVENTS,
    `at most ${MAX_EVENTS} events`,
  );

const windowSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}d$/, 'must be a number of days such as 30d')
  .default('90d');

/** Times in order and not in the future; entity refs normalised. */
function checkEvents(
  body: z.infer<typeof pushSchema>,
  nowMs: number,
): { deployments: DeploymentEvent[]; rollbacks: RollbackEvent[] } {
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
  const deployments = body.deployments.map((d, i) => {
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
  const rollbacks = body.rollbacks.map((r, i) => {
    check(r, `rollbacks.${i}`);
    return { ...r, entityRef: toEntityRef(r.entityRef) };
  });
  return { deployments, rollbacks };
}

/** POST /deployments: deployment and rollback events of the release workflow. */
function registerPush(router: express.Router, ctx: RouteContext) {
  router.post('/deployments', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const events = checkEvents(
      parse(pushSchema, req.body, 'events'),
      ctx.now(),
    );
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
  router: express.Router,
  ctx: RouteContext,
  metrics: DeliveryMetricsService,
  options: { retentionDays: number },
) {
  const windowDays = (req: express.Request) => {
    const { window } = parse(
      z.object({ window: windowSchema }).passthrough(),
      req.query,
      'query',
    );
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
    const days = windowDays(req);
    const entity = await ctx.entityFromPath(req, credentials);
    res.json(await metrics.entityMetrics(entity, days));
  });

  router.get('/metrics/rollup', async (req, res) => {
    const credentials = await ctx.authorize(req, sloReadPermission);
    const days = windowDays(req);
    const { by } = parse(
      z.object({ by: z.enum(['owner', 'system', 'domain']) }).passthrough(),
      req.query,
      'query',
    );
    res.json(await metrics.rollup({ by, windowDays: days, credentials }));
  });
}

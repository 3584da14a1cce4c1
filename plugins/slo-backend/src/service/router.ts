import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  sloFreezeOverridePermission,
  sloIncidentsManagePermission,
  sloReadPermission,
} from '@gatekeeper/plugin-slo-common';
import {
  createWriteRateLimiter,
  DEFAULT_WRITE_RATE_LIMITS,
  identifyByCredentials,
  IdempotencyTiming,
  principalScope,
  runIdempotent,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import express from 'express';
import Router from 'express-promise-router';
import { SloStore } from '../database/IncidentStore';
import {
  alertmanagerPayloadSchema,
  applyAlertmanagerPayload,
} from './alertmanagerWebhook';
import { generateSlothRules } from './generateSlothRules';
import { withinFutureSkew } from './dates';
import { createAuthorizers } from './authorizers';
import {
  actionSchema,
  atQuerySchema,
  bearerMatches,
  createIncidentSchema,
  gateQuerySchema,
  incidentIdOf,
  overrideSchema,
  parse,
  postmortemSchema,
  principalOf,
  toEntityRef,
} from './routerInput';
import { hideInternalErrors } from './hideInternalErrors';
import { SloService } from './SloService';

export interface RouterOptions {
  service: SloService;
  store: SloStore;
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
  now?: () => number;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, store, httpAuth, permissions, auditor, logger } = options;
  const now = options.now ?? Date.now;
  const writeLimits = options.writeRateLimits ?? DEFAULT_WRITE_RATE_LIMITS;
  const router = Router();
  router.use(
    createWriteRateLimiter({
      ...writeLimits,
      identify: identifyByCredentials(httpAuth),
      skip: req => req.path === '/alertmanager/webhook',
      now,
    }),
  );
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
  router.use((req, res, next) =>
    req.path === '/alertmanager/webhook'
      ? webhookLimiter(req, res, next)
      : next(),
  );
  router.use(express.json({ limit: '2mb' }));

  const { authorize, authorizeOn } = createAuthorizers({
    httpAuth,
    permissions,
  });

  const incidentEntityRef = async (id: string) => {
    const incident = await store.getIncident(id);
    if (!incident) {
      throw new NotFoundError('incident not found');
    }
    return incident.entityRef;
  };

  /**
   * Runs a mutating request once per Idempotency-Key and caller; a repeat
   * replays the stored response (`Idempotent-Replayed: true`), reuse for
   * another request is a 409.
   */
  const idempotent = async (
    req: express.Request,
    res: express.Response,
    credentials: BackstageCredentials,
    operation: string,
    handler: () => Promise<{ status: number; body: unknown }>,
  ) => {
    const { statusCode, body, replayed } = await runIdempotent({
      ...options.idempotency,
      store: store.idempotency,
      scope: principalScope(credentials),
      key: req.header('idempotency-key'),
      operation,
      requestBody: req.body,
      handler: async () => {
        const result = await handler();
        return { statusCode: result.status, body: result.body };
      },
    });
    if (replayed) {
      res.setHeader('Idempotent-Replayed', 'true');
    }
    res.status(statusCode).json(body);
  };

  const audited = async <T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string>,
    fn: () => Promise<T>,
    severityLevel: 'low' | 'medium' | 'high' = 'medium',
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel,
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  const entityFromPath = async (
    req: express.Request,
    credentials: BackstageCredentials,
  ) => {
    const { namespace, kind, name } = req.params;
    const ref = toEntityRef(`${kind}:${namespace}/${name}`);
    return service.getEntity(ref, credentials);
  };

  router.get('/entities/:namespace/:kind/:name/slos', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const { at } = parse(atQuerySchema, req.query, 'query');
    const entity = await entityFromPath(req, credentials);
    res.json(
      await service.report(entity, { at: at ? Date.parse(at) : undefined }),
    );
  });

  router.get(
    '/entities/:namespace/:kind/:name/slos/:slo/rules',
    async (req, res) => {
      const credentials = await authorize(req, sloReadPermission);
      const entity = await entityFromPath(req, credentials);
      const evaluation = await service.loadSlos(entity);
      const slo = evaluation.slos.find(s => s.name === req.params.slo);
      if (!slo) {
        throw new NotFoundError(
          `SLO '${req.params.slo}' not found on ${stringifyEntityRef(entity)}`,
        );
      }
      const { yaml } = generateSlothRules({
        slo,
        entityRef: stringifyEntityRef(entity),
      });
      res.type('application/yaml').send(yaml);
    },
  );

  router.get('/entities/:namespace/:kind/:name/incidents', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const { at } = parse(atQuerySchema, req.query, 'query');
    const entity = await entityFromPath(req, credentials);
    res.json(
      await service.incidents(entity, { at: at ? Date.parse(at) : undefined }),
    );
  });

  router.get('/gate/:entityRef', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const { change } = parse(gateQuerySchema, req.query, 'query');
    const entity = await service.getEntity(
      toEntityRef(req.params.entityRef),
      credentials,
    );
    res.json(await service.gate(entity, change));
  });

  router.post('/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parse(createIncidentSchema, req.body, 'incident');
    const entityRef = toEntityRef(body.entityRef);
    await authorizeOn(credentials, sloIncidentsManagePermission, entityRef);
    if (
      body.startedAt &&
      !withinFutureSkew(Date.parse(body.startedAt), now())
    ) {
      throw new InputError('invalid incident: startedAt lies in the future');
    }
    await idempotent(req, res, credentials, 'create-incident', async () => {
      await service.getEntity(entityRef, credentials);
      return audited(req, 'incident-create', { entityRef }, async () => {
        const { incident } = await store.createIncident({
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

  for (const action of ['acknowledge', 'resolve'] as const) {
    router.post(`/incidents/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const body = parse(actionSchema, req.body, 'request');
      const id = incidentIdOf(req);
      await authorizeOn(
        credentials,
        sloIncidentsManagePermission,
        await incidentEntityRef(id),
      );
      const atMs = body.at ? Date.parse(body.at) : now();
      if (!withinFutureSkew(atMs, now())) {
        throw new InputError('invalid request: at lies in the future');
      }
      await idempotent(req, res, credentials, `${action}:${id}`, () =>
        audited(req, `incident-${action}`, { incidentId: id }, async () => {
          const existing = await store.getIncident(id);
          if (existing && atMs < Date.parse(existing.startedAt)) {
            throw new InputError(
              'invalid request: at lies before the incident started',
            );
          }
          const at = new Date(atMs).toISOString();
          const incident =
            action === 'acknowledge'
              ? await store.acknowledgeIncident(id, at)
              : await store.resolveIncident(id, at);
          return { status: 200, body: incident };
        }),
      );
    });
  }

  router.post('/incidents/:id/postmortem', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { url } = parse(postmortemSchema, req.body, 'postmortem');
    const id = incidentIdOf(req);
    await authorizeOn(
      credentials,
      sloIncidentsManagePermission,
      await incidentEntityRef(id),
    );
    await idempotent(req, res, credentials, `postmortem:${id}`, () =>
      audited(
        req,
        'incident-postmortem',
        { incidentId: id, url },
        async () => ({
          status: 200,
          body: await store.setPostmortem(id, url),
        }),
      ),
    );
  });

  router.post('/freeze/:entityRef/override', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parse(overrideSchema, req.body, 'override');
    const entityRef = toEntityRef(req.params.entityRef);
    await authorizeOn(credentials, sloFreezeOverridePermission, entityRef);
    const expires = Date.parse(body.expiresAt);
    if (expires <= now()) {
      throw new InputError('expiresAt must be in the future');
    }
    if (expires - now() > 30 * 86_400_000) {
      throw new InputError('expiresAt must be within 30 days');
    }
    await service.getEntity(entityRef, credentials);
    const by = principalOf(credentials);
    const override = {
      entityRef,
      by,
      reason: body.reason,
      expiresAt: new Date(expires).toISOString(),
      createdAt: new Date(now()).toISOString(),
    };
    await audited(
      req,
      'freeze-override',
      { entityRef, by, reason: body.reason, expiresAt: override.expiresAt },
      () => store.addFreezeOverride(override),
      'high',
    );
    logger.info(`freeze of ${entityRef} overridden by ${by}`, {
      entityRef,
      by,
    });
    res.status(201).json(override);
  });

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
      store,
      entityLabels: options.entityLabels,
      severityLabel: options.severityLabel,
    });
    logger.info('Alertmanager notification applied', {
      receiver: payload.receiver,
      status: payload.status,
      created: result.created,
      resolved: result.resolved,
      ignored: result.ignored,
    });
    res.status(200).json(result);
  });

  router.use(hideInternalErrors(logger));
  return router;
}

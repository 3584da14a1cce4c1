import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { assertError, NotFoundError } from '@backstage/errors';
import {
  IdempotencyTiming,
  principalScope,
  runIdempotent,
} from '@gatekeeper/gatekeeper-node';
import express from 'express';
import { SloStores } from '../database/SloStores';
import { createAuthorizers } from './authorizers';
import { toEntityRef } from './routerInput';
import { SloService } from './SloService';

/** What the route handlers of the SLO router share. */
export interface RouteContext {
  service: SloService;
  stores: SloStores;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  now: () => number;
  authorize: ReturnType<typeof createAuthorizers>['authorize'];
  authorizeOn: ReturnType<typeof createAuthorizers>['authorizeOn'];
  /** The entity named by the `:namespace/:kind/:name` path parameters. */
  entityFromPath(
    req: express.Request,
    credentials: BackstageCredentials,
  ): ReturnType<SloService['getEntity']>;
  /** The entity ref of an incident, or 404. */
  incidentEntityRef(id: string): Promise<string>;
  /**
   * Runs a mutating request once per Idempotency-Key and caller; a repeat
   * replays the stored response (`Idempotent-Replayed: true`), reuse for
   * another request is a 409.
   */
  idempotent(
    req: express.Request,
    res: express.Response,
    credentials: BackstageCredentials,
    operation: string,
    handler: () => Promise<{ status: number; body: unknown }>,
  ): Promise<void>;
  /** Runs `fn` as an audited event that succeeds or fails with it. */
  audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string>,
    fn: () => Promise<T>,
    severityLevel?: 'low' | 'medium' | 'high',
  ): Promise<T>;
}

export function createRouteContext(options: {
  service: SloService;
  stores: SloStores;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  idempotency?: IdempotencyTiming;
  now: () => number;
}): RouteContext {
  const { service, stores, auditor } = options;
  return {
    service,
    stores,
    httpAuth: options.httpAuth,
    logger: options.logger,
    now: options.now,
    ...createAuthorizers(options),
    async entityFromPath(req, credentials) {
      const { namespace, kind, name } = req.params;
      const ref = toEntityRef(`${kind}:${namespace}/${name}`);
      return service.getEntity(ref, credentials);
    },
    async incidentEntityRef(id) {
      const incident = await stores.incidents.getIncident(id);
      if (!incident) {
        throw new NotFoundError('incident not found');
      }
      return incident.entityRef;
    },
    async idempotent(req, res, credentials, operation, handler) {
      const { statusCode, body, replayed } = await runIdempotent({
        ...options.idempotency,
        store: stores.idempotency,
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
    },
    async audited(req, eventId, meta, fn, severityLevel = 'medium') {
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
        assertError(error);
        await event.fail({ error });
        throw error;
      }
    },
  };
}

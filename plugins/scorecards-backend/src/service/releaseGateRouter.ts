import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createErrorSanitizer } from '@gatekeeper/gatekeeper-node';
import {
  GatePolicy,
  scorecardsReadPermission,
} from '@gatekeeper/plugin-scorecards-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { COMMIT_PATTERN } from '../engine/provenance';
import { decideReleaseGate } from './releaseGate';
import { ScorecardsService } from './ScorecardsService';
import { askSloGate } from './sloGateClient';

const refPart = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const querySchema = z
  .object({
    commit: z
      .string()
      .regex(COMMIT_PATTERN, 'commit is a SHA of 7-64 hex digits')
      .transform(c => c.toLowerCase())
      .optional(),
    change: z.enum(['normal', 'p0', 'security']).default('normal'),
  })
  .strict();

/** Options of {@link createReleaseGateRouter}. */
export interface ReleaseGateRouterOptions {
  service: ScorecardsService;
  policy: GatePolicy;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** For tests: the fetch used to ask the SLO gate. */
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * `GET /release-gate/:kind/:namespace/:name?commit=<sha>&change=<type>`:
 * allow or deny promoting a commit of an entity (see `decideReleaseGate`).
 * Needs `scorecards.read` and an entity the catalog shows to the caller; the
 * SLO gate is asked on the caller's behalf. Allow and deny are both 200.
 */
export function createReleaseGateRouter(
  options: ReleaseGateRouterOptions,
): express.Router {
  const { service, httpAuth, permissions } = options;
  const router = Router();
  router.get('/release-gate/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: scorecardsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${scorecardsReadPermission.name}`,
      );
    }
    const { kind, namespace, name } = req.params;
    const bad = [kind, namespace, name].find(p => !refPart.test(p));
    if (bad !== undefined) {
      throw new InputError(`Invalid entity ref part "${bad.slice(0, 80)}"`);
    }
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid release gate query: ${parsed.error.issues
          .map(i => `${i.path.join('.') || '(root)'} ${i.message}`)
          .join('; ')}`,
      );
    }
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    await service.visibility.assertVisible(entityRef, credentials);
    // Fresh from stored facts; the providers run only while the entity has
    // none of their facts yet (a new service before its first refresh).
    const stored = await service.getFacts(entityRef);
    const collect = !stored.some(f => f.source.startsWith('provider:'));
    const [scorecard, slo] = await Promise.all([
      service.evaluateEntity(entityRef, { collect, trigger: 'request' }),
      askSloGate({
        discovery: options.discovery,
        auth: options.auth,
        credentials,
        entityRef,
        change: parsed.data.change,
        fetch: options.fetch,
      }),
    ]);
    const result = decideReleaseGate({
      scorecard,
      policy: options.policy,
      slo,
      change: parsed.data.change,
      commit: parsed.data.commit,
      now: (options.now ?? Date.now)(),
    });
    options.logger.info(
      `Release gate for ${entityRef}: ${result.decision} (${result.reasons.length} reasons)`,
      { entityRef, decision: result.decision, commit: parsed.data.commit },
    );
    res.json(result);
  });
  router.use(createErrorSanitizer({ logger: options.logger }));
  return router;
}

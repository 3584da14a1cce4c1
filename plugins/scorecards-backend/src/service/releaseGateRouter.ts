import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createErrorSanitizer } from '@gatekeeper/gatekeeper-node';
import {
  GatePolicy,
  scorecardsReadPermission,
} from '@gatekeeper/plugin-scorecards-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openApiRouter';
import { decideReleaseGate } from './releaseGate';
import { ScorecardsService } from './ScorecardsService';
import { askSloGate } from './sloGateClient';

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
  // path parts, commit and change are validated by openapi.yaml
  const router = createOpenApiRouter({ middleware: [express.json()] });
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
    const change = req.query.change ?? 'normal';
    const commit = req.query.commit?.toLowerCase();
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
        change,
        fetch: options.fetch,
      }),
    ]);
    const result = decideReleaseGate({
      scorecard,
      policy: options.policy,
      slo,
      change,
      commit,
      now: (options.now ?? Date.now)(),
    });
    options.logger.info(
      `Release gate for ${entityRef}: ${result.decision} (${result.reasons.length} reasons)`,
      { entityRef, decision: result.decision, commit },
    );
    res.json(result);
  });
  router.use(createErrorSanitizer({ logger: options.logger }));
  return router;
}

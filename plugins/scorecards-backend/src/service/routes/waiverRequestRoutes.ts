import { NotFoundError } from '@backstage/errors';
import {
  assertValidIdempotencyKey,
  normalizeEntityRef,
} from '@gatekeeper/gatekeeper-node';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { WaiverRequestService } from '../../waivers/WaiverRequestService';
import { WaiverRequestDecision } from '../../waivers/WaiverRequestStore';
import { auditedWrite } from './auditedWrite';
import { RouteContext } from './RouteContext';

const ACTIONS = [
  ['approve', '/waiver-requests/:id/approve', 'approved'],
  ['reject', '/waiver-requests/:id/reject', 'rejected'],
  ['withdraw', '/waiver-requests/:id/withdraw', 'withdrawn'],
] as const satisfies ReadonlyArray<
  readonly [string, string, WaiverRequestDecision]
>;

/**
 * Adds `/waiver-requests` (list, create) and
 * `/waiver-requests/:id/approve|reject|withdraw`, every write audited.
 */
export function waiverRequestRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
): void {
  const { service, authorize, auditor } = context;
  const requests = () => {
    if (!service.waiverRequests) {
      throw new NotFoundError('Waiver requests are not enabled');
    }
    return service.waiverRequests;
  };

  router.get('/waiver-requests', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const query = req.query;
    const entityRef =
      query.entityRef &&
      normalizeEntityRef(query.entityRef, { what: 'entityRef' });
    if (entityRef) {
      await service.visibility.assertVisible(entityRef, credentials);
    }
    const visible = entityRef
      ? new Set([entityRef])
      : await service.visibility.visibleRefs(credentials);
    const items = await requests().list(
      { entityRef, state: query.state },
      credentials,
      ref => visible.has(ref),
    );
    res.json({ items, maxDays: requests().maxDays });
  });

  router.post('/waiver-requests', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const body = { ...req.body, reason: req.body.reason.trim() };
    const entityRef = normalizeEntityRef(body.entityRef, { what: 'entityRef' });
    const key = req.header('Idempotency-Key');
    if (key !== undefined) assertValidIdempotencyKey(key);
    await service.visibility.assertVisible(entityRef, credentials);
    const meta = { action: 'request', entityRef, gateId: body.gate };
    const result = await auditedWrite(
      { auditor, eventId: 'waiver-request', req, meta },
      () => requests().create({ ...body, entityRef }, credentials, key),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.statusCode).json(result.body);
  });
  decisionRoutes(router, context, requests);
}

/** Adds `/waiver-requests/:id/approve|reject|withdraw`. */
function decisionRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
  requests: () => WaiverRequestService,
): void {
  const { service, authorize, auditor } = context;
  for (const [action, path, decision] of ACTIONS) {
    router.post(path, async (req, res) => {
      const credentials = await authorize(req, scorecardsReadPermission);
      const { id } = req.params;
      const comment = req.body?.comment?.trim();
      const existing = await requests().get(id);
      await service.visibility.assertVisible(existing.entityRef, credentials);
      const meta = {
        action,
        requestId: id,
        entityRef: existing.entityRef,
        gateId: existing.gateId,
      };
      const decided = await auditedWrite(
        { auditor, eventId: 'waiver-request', req, meta },
        () => requests().decide({ id, to: decision, comment, credentials }),
      );
      res.json(decided);
    });
  }
}

import { assertError, NotFoundError } from '@backstage/errors';
import {
  assertValidIdempotencyKey,
  normalizeEntityRef,
} from '@gatekeeper/gatekeeper-node';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { AuditorService } from '@backstage/backend-plugin-api';
import { Request, Router } from 'express';
import { z } from 'zod';
import { WaiverRequestService } from '../../waivers/WaiverRequestService';
import { WaiverRequestDecision } from '../../waivers/WaiverRequestStore';
import { parseInput } from './parseInput';
import { RouteContext } from './RouteContext';

/** Printable text without control characters (newlines and tabs allowed). */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, {
      message: 'must not contain control characters',
    });

const createSchema = z
  .object({
    entityRef: z.string().min(1).max(255),
    gate: z.string().min(1).max(255),
    reason: text(3, 2000),
    expires: z.string().min(1).max(40),
  })
  .strict();

const decisionSchema = z.object({ comment: text(0, 2000).optional() }).strict();

const listQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(255).optional(),
    state: z
      .enum(['requested', 'approved', 'rejected', 'withdrawn', 'expired'])
      .optional(),
  })
  .strict();

const idSchema = z.string().uuid();

const ACTIONS: Record<string, WaiverRequestDecision> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** Runs a write as one audit event of `waiver-request`. */
async function audited<T>(
  auditor: AuditorService,
  req: Request,
  meta: Record<string, string>,
  run: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: 'waiver-request',
    severityLevel: 'medium',
    request: req,
    meta,
  });
  try {
    const result = await run();
    await event.success();
    return result;
  } catch (error) {
    assertError(error);
    await event.fail({ error });
    throw error;
  }
}

/**
 * Adds `/waiver-requests` (list, create) and
 * `/waiver-requests/:id/approve|reject|withdraw`, every write audited.
 */
export function waiverRequestRoutes(
  router: Router,
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
    const query = parseInput(listQuerySchema, req.query, 'waiver requests');
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
    const body = parseInput(createSchema, req.body, 'waiver request');
    const entityRef = normalizeEntityRef(body.entityRef, { what: 'entityRef' });
    const key = req.header('Idempotency-Key');
    if (key !== undefined) assertValidIdempotencyKey(key);
    await service.visibility.assertVisible(entityRef, credentials);
    const meta = { action: 'request', entityRef, gateId: body.gate };
    const result = await audited(auditor, req, meta, () =>
      requests().create({ ...body, entityRef }, credentials, key),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.statusCode).json(result.body);
  });
  decisionRoutes(router, context, requests);
}

/** Adds `/waiver-requests/:id/approve|reject|withdraw`. */
function decisionRoutes(
  router: Router,
  context: RouteContext,
  requests: () => WaiverRequestService,
): void {
  const { service, authorize, auditor } = context;
  for (const [action, decision] of Object.entries(ACTIONS)) {
    router.post(`/waiver-requests/:id/${action}`, async (req, res) => {
      const credentials = await authorize(req, scorecardsReadPermission);
      const id = parseInput(idSchema, req.params.id, 'waiver request id');
      const { comment } = parseInput(
        decisionSchema,
        req.body ?? {},
        'decision',
      );
      const existing = await requests().get(id);
      await service.visibility.assertVisible(existing.entityRef, credentials);
      const meta = {
        action,
        requestId: id,
        entityRef: existing.entityRef,
        gateId: existing.gateId,
      };
      const decided = await audited(auditor, req, meta, () =>
        requests().decide({ id, to: decision, comment, credentials }),
      );
      res.json(decided);
    });
  }
}

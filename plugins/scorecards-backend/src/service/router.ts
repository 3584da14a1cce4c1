import {
  AuditorService,
  BackstageCredentials as Credentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { JsonValue } from '@backstage/types';
import {
  GatePolicyError,
  parseGatePolicy,
  scorecardsFactsPushPermission,
  scorecardsReadPermission,
  scorecardsWaiversManagePermission,
} from '@gatekeeper/plugin-scorecards-common';
import {
  assertMaxDepth,
  assertValidIdempotencyKey,
  createErrorSanitizer,
  nestsDeeperThan,
  parsePaging,
  createWriteRateLimiter,
  DEFAULT_WRITE_RATE_LIMITS,
  identifyByCredentials,
  principalScope,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { assertFactTypes } from '../engine/factTypes';
import { resolveWaivers } from '../engine/waivers';
import { provenanceSchema } from './factProvenance';
import { ScorecardsService } from './ScorecardsService';

const factIdSchema = z
  .string()
  .max(255)
  .regex(
    /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/,
    'fact ids are lower-case words joined by "-" or "."',
  );

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string().max(10_000),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

/** Body of POST /facts. */
export const pushFactsSchema = z
  .object({
    entityRef: z.string().min(1).max(255),
    facts: z
      .record(factIdSchema, jsonValueSchema)
      .refine(f => Object.keys(f).length > 0, 'at least one fact is required')
      .refine(f => Object.keys(f).length <= 200, 'at most 200 facts per push'),
    observedAt: z.string().datetime({ offset: true }).optional(),
    source: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'source is 1-64 of [A-Za-z0-9._:-]')
      .optional(),
    provenance: provenanceSchema.optional(),
    factProvenance: z.record(factIdSchema, provenanceSchema).optional(),
  })
  .strict();

const overviewQuerySchema = z
  .object({
    owner: z.string().min(1).optional(),
    system: z.string().min(1).optional(),
    domain: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    verdict: z.enum(['ready', 'at-risk', 'blocked']).optional(),
    level: z.string().min(1).optional(),
    gate: z.string().min(1).optional(),
    status: z.enum(['pass', 'fail', 'unknown', 'stale', 'waived']).optional(),
    q: z.string().max(200).optional(),
    limit: z.unknown().optional(),
    offset: z.unknown().optional(),
  })
  .strict();

const rollupQuerySchema = z
  .object({ by: z.enum(['group', 'system', 'domain']) })
  .strict();

const waiverListSchema = z.object({ waivers: z.array(z.unknown()) }).strict();

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(root)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

function normalizeRef(ref: string, what: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (e) {
    throw new InputError(`Invalid ${what} "${ref}": ${(e as Error).message}`);
  }
}

/** Options of the router. */
export interface RouterOptions {
  service: ScorecardsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  /** Per-caller limits of the POST routes. */
  rateLimits?: WriteRateLimits;
}

/** The REST API (see src/schema/openapi.yaml). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(
    createWriteRateLimiter({
      ...(options.rateLimits ?? DEFAULT_WRITE_RATE_LIMITS),
      identify: identifyByCredentials(httpAuth),
    }),
  );
  router.use(express.json({ limit: '1mb' }));

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  const entityRefOf = (req: Request) =>
    normalizeRef(
      `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
      'entity',
    );

  router.get('/gates', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(service.getGates());
  });

  /** The entity of the path, 404 when the catalog hides it from the caller. */
  const visibleEntityRef = async (req: Request, credentials: Credentials) => {
    const entityRef = entityRefOf(req);
    await service.visibility.assertVisible(entityRef, credentials);
    return entityRef;
  };

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const json = await service.getScorecardJson(
      await visibleEntityRef(req, credentials),
    );
    res.type('application/json').send(json);
  });

  router.get('/entities/:namespace/:kind/:name/history', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    res.json(
      await service.getHistory(await visibleEntityRef(req, credentials)),
    );
  });

  router.get('/entities/:namespace/:kind/:name/facts', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    res.json({
      items: await service.getFacts(await visibleEntityRef(req, credentials)),
    });
  });

  router.post('/entities/:namespace/:kind/:name/evaluate', async (req, res) => {
    const credentials = await authorize(req, scorecardsFactsPushPermission);
    res.json(
      await service.evaluateEntity(await visibleEntityRef(req, credentials), {
        collect: true,
        trigger: 'request',
      }),
    );
  });

  router.get('/overview', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const query = {
      ...parse(overviewQuerySchema, req.query, 'overview query'),
      ...parsePaging(req.query, { defaultLimit: 50, maxLimit: 500 }),
    };
    const visible = await service.visibility.visibleRefs(credentials);
    res.json(
      await service.getOverview(
        {
          ...query,
          owner: query.owner
            ? normalizeRef(query.owner, 'owner', 'group')
            : undefined,
          system: query.system
            ? normalizeRef(query.system, 'system', 'system')
            : undefined,
          domain: query.domain
            ? normalizeRef(query.domain, 'domain', 'domain')
            : undefined,
        },
        visible,
      ),
    );
  });

  router.get('/rollups', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const { by } = parse(rollupQuerySchema, req.query, 'rollups query');
    const visible = await service.visibility.visibleRefs(credentials);
    res.json({ items: await service.getRollups(by, visible) });
  });

  router.post('/facts', async (req, res) => {
    const credentials = await authorize(req, scorecardsFactsPushPermission);
    if (nestsDeeperThan(req.body, 16)) {
      throw new InputError('Invalid facts push: values nest too deeply');
    }
    const body = parse(pushFactsSchema, req.body, 'facts push');
    assertFactTypes(service.factExpectations, body.facts);
    const entityRef = normalizeRef(body.entityRef, 'entityRef');
    await service.visibility.assertVisible(entityRef, credentials);
    if (
      body.observedAt &&
      new Date(body.observedAt).getTime() > Date.now() + 5 * 60 * 1000
    ) {
      throw new InputError('observedAt is in the future');
    }
    const key = req.header('Idempotency-Key');
    if (key !== undefined) {
      assertValidIdempotencyKey(key);
    }
    const audit = await auditor.createEvent({
      eventId: 'facts-push',
      severityLevel: 'low',
      request: req,
      meta: {
        entityRef,
        facts: Object.keys(body.facts),
        idempotencyKey: key ?? null,
      },
    });
    try {
      const { body: response, replayed } = await service.pushFacts(
        { ...body, entityRef },
        { idempotencyKey: key, scope: principalScope(credentials) },
      );
      await audit.success();
      if (replayed) {
        res.setHeader('Idempotent-Replayed', 'true');
      }
      res.json(response);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/dry-run', async (req, res) => {
    const credentials = await authorize(req, scorecardsWaiversManagePermission);
    if (nestsDeeperThan(req.body, 16)) {
      throw new InputError('Invalid dry-run body: nests too deeply');
    }
    const body = parse(
      z.object({ policy: z.unknown() }).strict(),
      req.body,
      'dry-run body',
    );
    let policy;
    try {
      policy = parseGatePolicy(body.policy);
    } catch (error) {
      if (error instanceof GatePolicyError) {
        throw new InputError(error.message);
      }
      throw error;
    }
    res.json(await service.dryRun(policy, credentials));
  });

  router.post('/waivers/validate', async (req, res) => {
    await authorize(req, scorecardsWaiversManagePermission);
    assertMaxDepth(req.body, 16, 'Invalid waivers: the body');
    const { waivers } = parse(waiverListSchema, req.body, 'waivers');
    const gateIds = new Set(service.getGates().gates.map(g => g.id));
    const resolved = resolveWaivers({
      raw: waivers.map(value => ({ source: 'annotation' as const, value })),
      gateIds,
      now: Date.now(),
    });
    res.json({
      active: [...resolved.active.values()],
      expired: [...resolved.expired.values()],
      problems: resolved.warnings,
    });
  });

  router.use(createErrorSanitizer({ logger: options.logger }));
  return router;
}

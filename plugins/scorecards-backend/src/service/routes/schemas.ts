import { JsonValue } from '@backstage/types';
import { z } from 'zod';
import { provenanceSchema } from '../factProvenance';

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

/** Query of GET /overview. */
export const overviewQuerySchema = z
  .object({
    owner: z.string().min(1).optional(),
    system: z.string().min(1).optional(),
    domain: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    verdict: z.enum(['ready', 'at-risk', 'blocked']).optional(),
    level: z.string().min(1).optional(),
    gate: z.string().min(1).optional(),
    status: z.enum(['pass', 'fail', 'unknown', 'stale', 'waived']).optional(),
    evidence: z.enum(['stale', 'configured']).optional(),
    q: z.string().max(200).optional(),
    limit: z.unknown().optional(),
    offset: z.unknown().optional(),
  })
  .strict();

/** Query of GET /rollups. */
export const rollupQuerySchema = z
  .object({ by: z.enum(['group', 'system', 'domain']) })
  .strict();

/** Body of POST /waivers/validate. */
export const waiverListSchema = z
  .object({ waivers: z.array(z.unknown()) })
  .strict();

/** Body of POST /dry-run (the policy is parsed by parseGatePolicy). */
export const dryRunBodySchema = z.object({ policy: z.unknown() }).strict();

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

/**
 * Body of POST /facts, parsed here rather than by the spec's validator (see
 * SELF_VALIDATED in src/schema/openApiRouter.ts): fact values are any JSON
 * and CI reporters rely on these messages. Keep it in step with
 * `PushFactsRequest` in openapi.yaml.
 */
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

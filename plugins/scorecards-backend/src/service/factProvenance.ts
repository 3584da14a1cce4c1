import { InputError } from '@backstage/errors';
import {
  FactProvenance,
  PushFactsRequest,
} from '@gatekeeper/plugin-scorecards-common';
import { z } from 'zod';
import { COMMIT_PATTERN } from '../engine/provenance';

/** The facts the golden-path reporters push with the commit and run URL. */
export const RUN_COMMIT_FACT = 'ci.run.commit';
export const RUN_URL_FACT = 'ci.run.url';

const runUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine(u => /^https?:\/\//i.test(u), 'runUrl must be an http(s) URL');

/** `provenance` of a push body and of each `factProvenance` entry. */
export const provenanceSchema = z
  .object({
    commit: z
      .string()
      .regex(COMMIT_PATTERN, 'commit is a SHA of 7-64 hex digits')
      .transform(c => c.toLowerCase())
      .optional(),
    runUrl: runUrlSchema.optional(),
    producer: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'producer is 1-64 of [A-Za-z0-9._:-]')
      .optional(),
  })
  .strict();

function fromRunFacts(facts: Record<string, unknown>): FactProvenance {
  const commit = facts[RUN_COMMIT_FACT];
  const runUrl = facts[RUN_URL_FACT];
  const out: FactProvenance = {};
  if (typeof commit === 'string' && COMMIT_PATTERN.test(commit)) {
    out.commit = commit.toLowerCase();
  }
  if (typeof runUrl === 'string' && runUrlSchema.safeParse(runUrl).success) {
    out.runUrl = runUrl;
  }
  return out;
}

/**
 * The provenance of each pushed fact: per-fact entries over the push's
 * `provenance`, over the `ci.run.commit` / `ci.run.url` facts of the push
 * (what reporters without provenance fields send); the producer defaults to
 * the push's source. Throws InputError for per-fact entries of facts that
 * are not in the push.
 */
export function resolveProvenance(
  request: PushFactsRequest,
): (factId: string) => FactProvenance | undefined {
  const perFact = request.factProvenance ?? {};
  const unknown = Object.keys(perFact).filter(id => !(id in request.facts));
  if (unknown.length > 0) {
    throw new InputError(
      `factProvenance names facts that are not pushed: ${unknown.join(', ')}`,
    );
  }
  const base: FactProvenance = {
    ...(request.source ? { producer: request.source } : {}),
    ...fromRunFacts(request.facts),
    ...request.provenance,
  };
  return factId => {
    const merged = { ...base, ...perFact[factId] };
    return Object.keys(merged).length > 0 ? merged : undefined;
  };
}

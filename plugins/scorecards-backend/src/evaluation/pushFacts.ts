import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import {
  IdempotencyTiming,
  IdempotentResult,
  runIdempotent,
} from '@gatekeeper/gatekeeper-node';
import {
  EntityScorecard,
  PushFactsRequest,
  PushFactsResponse,
} from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { resolveProvenance } from '../service/factProvenance';

/** The operation recorded with Idempotency-Keys of POST /facts. */
export const PUSH_FACTS_OPERATION = 'push-facts';

/** What {@link pushFacts} needs of the service. */
export interface PushFactsContext {
  store: ScorecardsStore;
  now: () => number;
  /** The catalog entity of a ref (NotFoundError when absent or not scored). */
  getEntity: (entityRef: string) => Promise<Entity>;
  /** Re-evaluates (and stores) the scorecard of an entity from stored facts. */
  evaluate: (entity: Entity) => Promise<EntityScorecard>;
  idempotency?: IdempotencyTiming;
}

async function storePushedFacts(
  context: PushFactsContext,
  request: PushFactsRequest,
): Promise<PushFactsResponse> {
  const entity = await context.getEntity(request.entityRef);
  const entityRef = stringifyEntityRef(entity);
  const observedAt = request.observedAt
    ? new Date(request.observedAt).getTime()
    : context.now();
  const source = `push:${request.source ?? 'ci'}`;
  const accepted = Object.keys(request.facts).sort();
  const provenanceOf = resolveProvenance(request);
  await context.store.upsertFacts(
    entityRef,
    accepted.map(factId => ({
      factId,
      value: request.facts[factId] as JsonValue,
      observedAt,
      source,
      provenance: provenanceOf(factId),
    })),
  );
  const scorecard = await context.evaluate(entity);
  return {
    entityRef,
    accepted,
    observedAt: new Date(observedAt).toISOString(),
    scorecard,
  };
}

/**
 * Stores pushed facts and re-evaluates the entity at once. With an
 * Idempotency-Key (scoped by caller), the push runs at most once: a repeat
 * with the same body replays the first response, a concurrent duplicate
 * waits for it, and a different body is a conflict.
 */
export async function pushFacts(
  context: PushFactsContext,
  request: PushFactsRequest,
  options: { idempotencyKey?: string; scope?: string } = {},
): Promise<IdempotentResult<PushFactsResponse>> {
  return runIdempotent({
    ...context.idempotency,
    store: context.store.idempotency,
    scope: options.scope ?? '',
    key: options.idempotencyKey,
    operation: PUSH_FACTS_OPERATION,
    requestBody: request,
    handler: async () => ({
      statusCode: 200,
      body: await storePushedFacts(context, request),
    }),
  });
}

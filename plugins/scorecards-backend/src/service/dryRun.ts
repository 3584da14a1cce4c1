import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { DryRunResult, GatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { compilePolicy } from '../engine/compilePolicy';
import { FactRecord } from '../engine/types';
import { resolveEntityWaivers } from '../evaluation/entityWaivers';
import { WaiversFile } from '../evaluation/WaiversFile';
import { CatalogLookup } from './CatalogLookup';

/**
 * Evaluates a candidate policy against every stored entity's facts (those
 * the caller sees in the catalog) without storing anything, and reports
 * verdict changes.
 */
export async function dryRun(options: {
  policy: GatePolicy;
  credentials: BackstageCredentials;
  store: ScorecardsStore;
  catalog: CatalogLookup;
  waiversFile: WaiversFile;
  now: number;
}): Promise<DryRunResult> {
  const { policy, store, now } = options;
  const candidate = compilePolicy(policy);
  const gateIds = new Set(policy.gates.map(g => g.id));
  const [summaries, allFacts, entities] = await Promise.all([
    store.listAllSummaries(),
    store.getAllFacts(),
    options.catalog.scoredEntities(options.credentials),
  ]);
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const changes: DryRunResult['changes'] = [];
  const empty = new Map<string, FactRecord>();
  for (const summary of summaries) {
    const entity = byRef.get(summary.entityRef);
    if (!entity) continue;
    const waivers = await resolveEntityWaivers({
      entity,
      entityRef: summary.entityRef,
      waiversFile: options.waiversFile,
      gateIds,
      now,
    });
    const { scorecard } = candidate.evaluate({
      entityRef: summary.entityRef,
      entity,
      facts: allFacts.get(summary.entityRef) ?? empty,
      waivers,
      now,
    });
    if (scorecard.verdict !== summary.verdict) {
      changes.push({
        entityRef: summary.entityRef,
        from: summary.verdict,
        to: scorecard.verdict,
        fromScore: summary.score,
        toScore: scorecard.score,
      });
    }
  }
  return {
    entityCount: summaries.filter(s => byRef.has(s.entityRef)).length,
    changedVerdicts: changes.length,
    changes,
  };
}

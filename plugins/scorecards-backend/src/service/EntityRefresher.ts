import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { createHash } from 'crypto';
import { RefreshState } from '../database/RefreshStateStore';
import { FactInput, ScorecardsStore } from '../database/ScorecardsStore';
import { EntityEvaluator } from '../evaluation/EntityEvaluator';
import {
  CollectedFacts,
  collectProviderFacts,
} from '../evaluation/factCollector';
import { WaiversFile } from '../evaluation/WaiversFile';

/** What the refresh did with one entity. */
export type RefreshOutcome = 'evaluated' | 'unchanged';

function hashOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('hex')
    .slice(0, 32);
}

function factsHash(facts: FactInput[]): string {
  return hashOf(
    facts
      .map(f => [f.factId, f.value] as const)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b))),
  );
}

/** Hash per provider: those that ran, else the previous one (kept facts). */
function providerHashes(
  collected: CollectedFacts,
  previous: Record<string, string> = {},
): Record<string, string> {
  const hashes: Record<string, string> = Object.create(null);
  for (const [id, hash] of Object.entries(previous)) hashes[id] = hash;
  for (const [id, facts] of collected.byProvider) hashes[id] = factsHash(facts);
  return hashes;
}

function sameHashes(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/**
 * The refresh of one entity, incremental: the repository is read
 * conditionally (its tree's ETag), facts that did not change are not
 * written, and the entity is re-evaluated only when a fact, the entity, the
 * policy or its file waivers changed, or its last evaluation may have
 * expired (a fact's max-age, a waiver's expiry).
 */
export class EntityRefresher {
  constructor(
    private readonly options: {
      evaluator: EntityEvaluator;
      store: ScorecardsStore;
      providers: ScorecardFactProvider[];
      reader: UrlReaderService;
      logger: LoggerService;
      waiversFile: WaiversFile;
      now: () => number;
      /** false: every refresh is a cold one (default true). */
      incremental?: boolean;
    },
  ) {}

  async refresh(
    entity: Entity,
    options: { state?: RefreshState; systems: Map<string, Entity> },
  ): Promise<RefreshOutcome> {
    const { state, systems } = options;
    const entityRef = stringifyEntityRef(entity);
    const now = this.options.now();
    const inputsHash = hashOf([
      this.options.evaluator.policyVersion,
      entity,
      await this.options.waiversFile.get(entityRef),
    ]);
    const expired = state?.validUntil !== undefined && now >= state.validUntil;
    const current =
      state && !expired && this.options.incremental !== false
        ? state
        : undefined;
    const location = resolveRepositoryLocation(entity)?.target;
    const etag =
      current?.repoLocation === location ? current?.repoEtag : undefined;
    let collected = await this.collect(entity, now, etag);
    let hashes = providerHashes(collected, current?.providerHashes);
    const unchanged =
      current !== undefined &&
      current.inputsHash === inputsHash &&
      [...collected.unchangedProviders].every(id => id in hashes) &&
      sameHashes(hashes, current.providerHashes);
    if (unchanged) {
      // Only the ETag changed (a commit to files no provider reads).
      if (collected.repository?.etag !== current.repoEtag) {
        await this.saveState(current, collected);
      }
      return 'unchanged';
    }
    if (collected.unchangedProviders.size > 0) {
      // Something else changed: read everything, as a cold refresh does.
      collected = await this.collect(entity, now, undefined);
      hashes = providerHashes(collected, current?.providerHashes);
    }
    await this.options.store.upsertFacts(entityRef, collected.facts);
    const { validUntil } = await this.options.evaluator.evaluateStored(entity, {
      trigger: 'schedule',
      systems,
    });
    await this.saveState(
      { entityRef, providerHashes: hashes, inputsHash, validUntil },
      collected,
    );
    return 'evaluated';
  }

  private collect(entity: Entity, now: number, etag: string | undefined) {
    const { providers, reader, logger } = this.options;
    return collectProviderFacts({
      entity,
      providers,
      reader,
      logger,
      now,
      etag,
    });
  }

  private saveState(state: RefreshState, collected: CollectedFacts) {
    return this.options.store.refreshState.save({
      ...state,
      repoLocation: collected.repository?.location,
      repoEtag: collected.repository?.etag,
    });
  }
}

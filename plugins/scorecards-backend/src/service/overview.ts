import { InputError } from '@backstage/errors';
import {
  EntityVerdict,
  GateStatus,
  OverviewEvidenceFilter,
  ScorecardOverview,
} from '@gatekeeper/plugin-scorecards-common';
import { OverviewFilter, ScorecardsStore } from '../database/ScorecardsStore';
import { CatalogLookup } from './CatalogLookup';

/** Query of the overview. */
export interface OverviewQuery {
  owner?: string;
  system?: string;
  domain?: string;
  kind?: string;
  verdict?: EntityVerdict;
  level?: string;
  gate?: string;
  status?: GateStatus;
  /** Only entities with a gate decided by stale / configuration-only facts. */
  evidence?: OverviewEvidenceFilter;
  /** Free-text search (see `applyTextSearch`). */
  q?: string;
  limit: number;
  offset: number;
}

/**
 * One page of the overview of the entities in `visible` (the caller's
 * catalog view); an owner filter includes the group's descendants.
 */
export async function getOverview(options: {
  store: ScorecardsStore;
  catalog: CatalogLookup;
  query: OverviewQuery;
  visible: ReadonlySet<string>;
}): Promise<ScorecardOverview> {
  const { query } = options;
  if ((query.gate === undefined) !== (query.status === undefined)) {
    throw new InputError('gate and status must be given together');
  }
  const filter: OverviewFilter = {
    entityRefs: [...options.visible],
    owners: query.owner
      ? await options.catalog.ownerAndDescendants(query.owner)
      : undefined,
    system: query.system,
    domain: query.domain,
    kind: query.kind,
    verdict: query.verdict,
    level: query.level,
    gate:
      query.gate && query.status
        ? { gateId: query.gate, status: query.status }
        : undefined,
    evidence: query.evidence,
    q: query.q,
  };
  const { items, totalItems } = await options.store.listScorecards(filter, {
    limit: query.limit,
    offset: query.offset,
  });
  const next = query.offset + items.length;
  return {
    items,
    totalItems,
    nextOffset: next < totalItems ? next : undefined,
  };
}

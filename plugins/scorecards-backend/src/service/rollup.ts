import {
  EntityVerdict,
  GatePolicy,
  ScorecardRollup,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { ownRecord } from '@gatekeeper/gatekeeper-node';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { CatalogLookup } from './CatalogLookup';

/** Aggregates summaries into a roll-up. */
export function rollup(
  ref: string,
  kind: ScorecardRollup['kind'],
  items: ScorecardSummary[],
  policy: GatePolicy,
): ScorecardRollup {
  const verdicts: Record<EntityVerdict, number> = {
    ready: 0,
    'at-risk': 0,
    blocked: 0,
  };
  const levels = ownRecord<number>();
  levels.none = 0;
  for (const level of policy.levels) levels[level] = 0;
  let scoreSum = 0;
  let scored = 0;
  const passes = new Map<string, { pass: number; total: number }>();
  for (const item of items) {
    verdicts[item.verdict]++;
    const level = item.level ?? 'none';
    levels[level] = (levels[level] ?? 0) + 1;
    if (item.score !== undefined) {
      scoreSum += item.score;
      scored++;
    }
    for (const [gateId, status] of Object.entries(item.gates)) {
      if (status === 'unknown') continue;
      const entry = passes.get(gateId) ?? { pass: 0, total: 0 };
      entry.total++;
      if (status === 'pass') entry.pass++;
      passes.set(gateId, entry);
    }
  }
  const gatePassRates = ownRecord<number>();
  for (const [gateId, { pass, total }] of passes) {
    gatePassRates[gateId] = Math.round((1000 * pass) / total) / 1000;
  }
  return {
    ref,
    kind,
    entityCount: items.length,
    averageScore:
      scored > 0 ? Math.round((10 * scoreSum) / scored) / 10 : undefined,
    verdicts,
    levels,
    gatePassRates,
  };
}

/**
 * Roll-ups over the entities in `visible` (the caller's catalog view): by
 * group (an entity counts for its owner and every ancestor group), system or
 * domain.
 */
export async function getRollups(options: {
  store: ScorecardsStore;
  catalog: CatalogLookup;
  policy: GatePolicy;
  by: 'group' | 'system' | 'domain';
  visible: ReadonlySet<string>;
}): Promise<ScorecardRollup[]> {
  const { by, visible } = options;
  const summaries = (await options.store.listAllSummaries()).filter(s =>
    visible.has(s.entityRef),
  );
  const buckets = new Map<string, ScorecardSummary[]>();
  const add = (ref: string, summary: ScorecardSummary) => {
    const list = buckets.get(ref) ?? [];
    list.push(summary);
    buckets.set(ref, list);
  };
  if (by === 'group') {
    const descendants = await options.catalog.getGroupDescendants();
    for (const [group, members] of descendants) {
      for (const summary of summaries) {
        if (summary.owner && members.has(summary.owner)) add(group, summary);
      }
    }
  } else {
    for (const summary of summaries) {
      const ref = by === 'system' ? summary.system : summary.domain;
      if (ref) add(ref, summary);
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ref, items]) => rollup(ref, by, items, options.policy));
}

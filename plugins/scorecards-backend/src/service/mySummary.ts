import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityScorecard,
  MyEntityAtRisk,
  MyExpiringWaiver,
  MyScorecardsSummary,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { CatalogLookup } from './CatalogLookup';

/** Waivers expiring within this many days are listed. */
export const WAIVER_HORIZON_DAYS = 14;
/** At most this many owned entities are looked at. */
export const MAX_OWNED_ENTITIES = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Ownership refs, normalized and deduplicated; malformed ones dropped. */
function normalizeOwners(refs: readonly string[]): string[] {
  const owners = new Set<string>();
  for (const ref of refs) {
    try {
      owners.add(stringifyEntityRef(parseEntityRef(ref)));
    } catch {
      // not an entity ref: owns nothing
    }
  }
  return [...owners].sort();
}

/** The owners and, for groups, their descendant groups. */
async function expandOwners(
  catalog: CatalogLookup,
  owners: string[],
): Promise<string[]> {
  const expanded = new Set<string>();
  for (const owner of owners) {
    const refs = owner.startsWith('group:')
      ? await catalog.ownerAndDescendants(owner)
      : [owner];
    for (const ref of refs) expanded.add(ref);
  }
  return [...expanded];
}

function needsAttention(summary: ScorecardSummary): boolean {
  return (
    summary.verdict !== 'ready' ||
    Object.values(summary.gates).includes('waived')
  );
}

function entityAtRisk(
  summary: ScorecardSummary,
  scorecard: EntityScorecard,
): MyEntityAtRisk | undefined {
  if (scorecard.verdict === 'ready') return undefined;
  return {
    entityRef: scorecard.entityRef,
    title: summary.title,
    owner: summary.owner,
    verdict: scorecard.verdict,
    score: scorecard.score,
    level: scorecard.level,
    evaluatedAt: scorecard.evaluatedAt,
    failingGates: scorecard.gates
      .filter(g => g.status === 'fail' || g.status === 'stale')
      .map(g => ({
        gateId: g.gateId,
        title: g.title,
        severity: g.severity,
        status: g.status,
        remediation: g.remediation,
        evidence: g.evidence,
      })),
  };
}

function expiringWaivers(
  summary: ScorecardSummary,
  scorecard: EntityScorecard,
  horizon: number,
): MyExpiringWaiver[] {
  const waivers: MyExpiringWaiver[] = [];
  for (const gate of scorecard.gates) {
    const waiver = gate.waiver;
    if (gate.status !== 'waived' || !waiver) continue;
    const expiresAt = Date.parse(waiver.expiresAt);
    if (!Number.isFinite(expiresAt) || expiresAt > horizon) continue;
    waivers.push({
      entityRef: scorecard.entityRef,
      title: summary.title,
      owner: summary.owner,
      gateId: gate.gateId,
      gateTitle: gate.title,
      reason: waiver.reason,
      approver: waiver.approver,
      expiresAt: waiver.expiresAt,
      source: waiver.source,
    });
  }
  return waivers;
}

const VERDICT_ORDER = { blocked: 0, 'at-risk': 1 } as const;

/**
 * What needs attention among the stored scorecards of the entities owned by
 * `ownershipRefs` (a group includes its descendant groups) that the caller
 * sees (`visible`): blocked and at-risk entities with their failing gates,
 * and waivers expiring within {@link WAIVER_HORIZON_DAYS}. Reads stored
 * verdicts only; nothing is evaluated.
 */
export async function getMySummary(options: {
  store: ScorecardsStore;
  catalog: CatalogLookup;
  ownershipRefs: readonly string[];
  visible: ReadonlySet<string>;
  now: number;
}): Promise<MyScorecardsSummary> {
  const { store, now } = options;
  const owners = normalizeOwners(options.ownershipRefs);
  const summary: MyScorecardsSummary = {
    owners,
    entities: [],
    expiringWaivers: [],
    waiverHorizonDays: WAIVER_HORIZON_DAYS,
    generatedAt: new Date(now).toISOString(),
  };
  if (owners.length === 0 || options.visible.size === 0) return summary;
  const { items } = await store.listScorecards(
    {
      entityRefs: [...options.visible],
      owners: await expandOwners(options.catalog, owners),
    },
    { limit: MAX_OWNED_ENTITIES, offset: 0 },
  );
  const horizon = now + WAIVER_HORIZON_DAYS * DAY_MS;
  for (const item of items.filter(needsAttention)) {
    const scorecard = await store.getScorecard(item.entityRef);
    if (!scorecard) continue;
    const entity = entityAtRisk(item, scorecard);
    if (entity) summary.entities.push(entity);
    summary.expiringWaivers.push(...expiringWaivers(item, scorecard, horizon));
  }
  summary.entities.sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      a.entityRef.localeCompare(b.entityRef),
  );
  summary.expiringWaivers.sort(
    (a, b) =>
      Date.parse(a.expiresAt) - Date.parse(b.expiresAt) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return summary;
}

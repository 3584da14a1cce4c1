import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  Campaign,
  CampaignCounts,
  CampaignEntityStatus,
  CampaignRemainingEntity,
  CampaignSelector,
  GatePolicy,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { ScorecardMeta } from '../database/ScorecardsStore';

/** A catalog entity with its metadata (owner, system, domain). */
export interface CampaignCandidate {
  entityRef: string;
  entity: Entity;
  meta: ScorecardMeta;
}

/** Where an entity stands in a campaign. */
export interface CampaignEntityProgress {
  entityRef: string;
  title?: string;
  owner?: string;
  status: CampaignEntityStatus;
  /** Targeted gates that neither pass nor are waived. */
  gates: { gateId: string; status: string }[];
  unevaluated: boolean;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** `value` as a full entity ref (lower-case), `kind` and `default` assumed. */
export function normalizeSelectorRef(value: string, kind: string): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: 'default',
        }),
      ),
    );
  } catch {
    return lower(value);
  }
}

/** Whether the selector picks the entity; `owners` already expanded to child groups. */
export function selectorMatches(
  selector: CampaignSelector,
  candidate: CampaignCandidate,
  owners: ReadonlySet<string> | undefined,
): boolean {
  const { entity, meta } = candidate;
  const anyOf = (
    values: string[] | undefined,
    actual: string | string[] | undefined,
    normalize: (v: string) => string = lower,
  ) => {
    if (!values || values.length === 0) return true;
    const have = (Array.isArray(actual) ? actual : [actual]).filter(
      (v): v is string => typeof v === 'string',
    );
    const wanted = new Set(values.map(normalize));
    return have.some(v => wanted.has(lower(v)));
  };
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const lifecycle =
    typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
  return (
    (!owners || (meta.owner !== undefined && owners.has(lower(meta.owner)))) &&
    anyOf(selector.systems, meta.system, v =>
      normalizeSelectorRef(v, 'system'),
    ) &&
    anyOf(selector.domains, meta.domain, v =>
      normalizeSelectorRef(v, 'domain'),
    ) &&
    anyOf(selector.kinds, entity.kind) &&
    anyOf(selector.lifecycles, lifecycle) &&
    anyOf(selector.tags, entity.metadata.tags ?? [])
  );
}

/** The gates a campaign targets: its gates and those of its level and below. */
export function targetedGates(
  campaign: Campaign,
  policy: GatePolicy,
): string[] {
  const gates = new Set(campaign.target.gates ?? []);
  const level = campaign.target.level;
  if (level !== undefined) {
    const upTo = policy.levels.indexOf(level);
    for (const gate of policy.gates) {
      if (upTo >= 0 && policy.levels.indexOf(gate.level) <= upTo) {
        gates.add(gate.id);
      }
    }
  }
  return [...gates];
}

/**
 * Where the entity stands, from its stored verdict: done when every targeted
 * gate that applies to it passes or is waived; an entity never evaluated has
 * every targeted gate left. Remaining after the deadline is overdue.
 */
export function entityProgress(options: {
  candidate: CampaignCandidate;
  summary: ScorecardSummary | undefined;
  gates: string[];
  deadline: number;
  now: number;
}): CampaignEntityProgress {
  const { candidate, summary, gates, deadline, now } = options;
  const failing = summary
    ? gates
        .filter(id => id in summary.gates)
        .map(id => ({ gateId: id, status: summary.gates[id] }))
        .filter(g => g.status !== 'pass' && g.status !== 'waived')
    : gates.map(gateId => ({ gateId, status: 'unknown' }));
  let status: CampaignEntityStatus = 'done';
  if (failing.length > 0) status = now > deadline ? 'overdue' : 'remaining';
  return {
    entityRef: candidate.entityRef,
    title: candidate.meta.title,
    owner: candidate.meta.owner,
    status,
    gates: failing,
    unevaluated: !summary,
  };
}

/** Counts of entity statuses; overdue entities count as remaining too. */
export function countProgress(
  entities: readonly CampaignEntityProgress[],
): CampaignCounts {
  const counts = { total: entities.length, done: 0, remaining: 0, overdue: 0 };
  for (const e of entities) {
    if (e.status === 'done') counts.done++;
    else counts.remaining++;
    if (e.status === 'overdue') counts.overdue++;
  }
  return counts;
}

/** Counts per owning team, by owner ref. */
export function teamProgress(
  entities: readonly CampaignEntityProgress[],
): Array<{ owner: string } & CampaignCounts> {
  const byOwner = new Map<string, CampaignEntityProgress[]>();
  for (const e of entities) {
    const owner = e.owner ?? 'unowned';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), e]);
  }
  return [...byOwner.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, list]) => ({ owner, ...countProgress(list) }));
}

/** The remaining entities, overdue first, for GET /campaigns/:id. */
export function remainingEntities(
  entities: readonly CampaignEntityProgress[],
): CampaignRemainingEntity[] {
  const remaining = (
    e: CampaignEntityProgress,
  ): e is CampaignEntityProgress & {
    status: CampaignRemainingEntity['status'];
  } => e.status !== 'done';
  return entities
    .filter(remaining)
    .sort(
      (a, b) =>
        Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
        a.entityRef.localeCompare(b.entityRef),
    )
    .map(e => ({
      entityRef: e.entityRef,
      ...(e.title ? { title: e.title } : {}),
      ...(e.owner ? { owner: e.owner } : {}),
      status: e.status,
      gates: e.gates,
      ...(e.unevaluated ? { unevaluated: true } : {}),
    }));
}

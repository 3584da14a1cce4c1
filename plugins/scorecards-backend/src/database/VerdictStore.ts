import { ownRecord } from '@gatekeeper/gatekeeper-node';
import {
  EntityScorecard,
  EntityVerdict,
  GateStatus,
  ScorecardHistoryPoint,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { createHash } from 'crypto';
import { Knex } from 'knex';
import { applyTextSearch } from './overviewTextSearch';
import type { OverviewFilter, ScorecardMeta } from './ScorecardsStore';

interface CurrentRow {
  entity_ref: string;
  kind: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  verdict: EntityVerdict;
  score: number | null;
  level: string | null;
  evaluated_at: string | number;
  scorecard: string;
  stale_gates?: number | string | null;
  configured_gates?: number | string | null;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toSummary(row: CurrentRow): ScorecardSummary {
  const scorecard = JSON.parse(row.scorecard) as EntityScorecard;
  const gates = ownRecord<GateStatus>();
  for (const gate of scorecard.gates) gates[gate.gateId] = gate.status;
  return {
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    verdict: row.verdict,
    score: row.score === null ? undefined : Number(row.score),
    level: row.level ?? undefined,
    evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
    gates,
    evidence: {
      stale: Number(row.stale_gates ?? 0),
      configured: Number(row.configured_gates ?? 0),
    },
  };
}

/** Gates of a scorecard decided by stale / configuration-only evidence. */
export function evidenceCounts(scorecard: EntityScorecard): {
  stale: number;
  configured: number;
} {
  let stale = 0;
  let configured = 0;
  for (const gate of scorecard.gates) {
    if (gate.freshness?.stale) stale++;
    if (gate.freshness?.kind === 'configured') configured++;
  }
  return { stale, configured };
}

/**
 * Stored verdicts: the current scorecard with its gate statuses and the
 * change-only history (tables `scorecards_current`, `scorecards_gate_status`,
 * `scorecards_history`).
 */
export interface VerdictStore {
  getScorecard(entityRef: string): Promise<EntityScorecard | undefined>;
  /** The stored scorecard document as JSON text, as stored. */
  getScorecardJson(entityRef: string): Promise<string | undefined>;
  /** Saves the current scorecard; a history row only when `changed`. */
  saveScorecard(options: {
    scorecard: EntityScorecard;
    signature: string;
    meta: ScorecardMeta;
  }): Promise<{ changed: boolean }>;
  getHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<ScorecardHistoryPoint[]>;
  listScorecards(
    filter: OverviewFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: ScorecardSummary[]; totalItems: number }>;
  listAllSummaries(): Promise<ScorecardSummary[]>;
}

/**
 * Knex implementation (SQLite and PostgreSQL); the migrations are run by
 * {@link DatabaseScorecardsStore.create}, which builds it.
 */
export class KnexVerdictStore implements VerdictStore {
  constructor(private readonly db: Knex) {}

  async getScorecard(entityRef: string): Promise<EntityScorecard | undefined> {
    const row = await this.db('scorecards_current')
      .where({ entity_ref: entityRef })
      .first('scorecard');
    return row ? (JSON.parse(row.scorecard) as EntityScorecard) : undefined;
  }

  async getScorecardJson(entityRef: string): Promise<string | undefined> {
    const row = await this.db('scorecards_current')
      .where({ entity_ref: entityRef })
      .first('scorecard');
    return row?.scorecard;
  }

  /**
   * Safe across replicas: the entity's row is locked (PostgreSQL) while the
   * signature is compared, so concurrent saves of one change add one history
   * row; an evaluation older than the stored one (a refresh that read the
   * facts before a push wrote them) does not overwrite it.
   */
  async saveScorecard(options: {
    scorecard: EntityScorecard;
    signature: string;
    meta: ScorecardMeta;
  }): Promise<{ changed: boolean }> {
    const { scorecard, meta } = options;
    const signature = hash(options.signature);
    const evaluatedAt = new Date(scorecard.evaluatedAt).getTime();
    const counts = evidenceCounts(scorecard);
    const row = {
      entity_ref: scorecard.entityRef,
      kind: meta.kind,
      title: meta.title ?? null,
      owner: meta.owner ?? null,
      system: meta.system ?? null,
      domain: meta.domain ?? null,
      verdict: scorecard.verdict,
      score: scorecard.score ?? null,
      level: scorecard.level ?? null,
      policy_version: scorecard.policyVersion,
      signature,
      evaluated_at: evaluatedAt,
      scorecard: JSON.stringify(scorecard),
      stale_gates: counts.stale,
      configured_gates: counts.configured,
    };
    return this.db.transaction(async tx => {
      // The first save of an entity: only one concurrent insert wins.
      const inserted = await tx('scorecards_current')
        .insert(row)
        .onConflict('entity_ref')
        .ignore()
        .returning('entity_ref');
      if (inserted.length === 0) {
        const existing = await tx('scorecards_current')
          .where({ entity_ref: scorecard.entityRef })
          .forUpdate()
          .first('signature', 'evaluated_at');
        if (existing && Number(existing.evaluated_at) > evaluatedAt) {
          return { changed: false };
        }
        await tx('scorecards_current')
          .where({ entity_ref: scorecard.entityRef })
          .update(row);
        if (existing?.signature === signature) return { changed: false };
      }
      await KnexVerdictStore.recordChange(tx, scorecard, evaluatedAt);
      return { changed: true };
    });
  }

  /** History row and per-gate status of a changed scorecard. */
  private static async recordChange(
    tx: Knex.Transaction,
    scorecard: EntityScorecard,
    evaluatedAt: number,
  ): Promise<void> {
    const gates = ownRecord<GateStatus>();
    for (const gate of scorecard.gates) gates[gate.gateId] = gate.status;
    await tx('scorecards_history').insert({
      entity_ref: scorecard.entityRef,
      evaluated_at: evaluatedAt,
      verdict: scorecard.verdict,
      score: scorecard.score ?? null,
      level: scorecard.level ?? null,
      gates: JSON.stringify(gates),
    });
    await tx('scorecards_gate_status')
      .where({ entity_ref: scorecard.entityRef })
      .delete();
    if (scorecard.gates.length > 0) {
      await tx('scorecards_gate_status').insert(
        scorecard.gates.map(g => ({
          entity_ref: scorecard.entityRef,
          gate_id: g.gateId,
          status: g.status,
        })),
      );
    }
  }

  async getHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<ScorecardHistoryPoint[]> {
    const rows = await this.db('scorecards_history')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options?.limit ?? 500);
    return rows.reverse().map(row => ({
      evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
      verdict: row.verdict,
      score: row.score === null ? undefined : Number(row.score),
      level: row.level ?? undefined,
      gates: JSON.parse(row.gates),
    }));
  }

  private filtered(filter: OverviewFilter): Knex.QueryBuilder {
    const query = applyTextSearch(this.db('scorecards_current'), filter.q);
    if (filter.entityRefs) query.whereIn('entity_ref', filter.entityRefs);
    if (filter.owners) query.whereIn('owner', filter.owners);
    if (filter.system) query.where('system', filter.system);
    if (filter.domain) query.where('domain', filter.domain);
    if (filter.kind)
      query.whereRaw('LOWER(kind) = ?', [filter.kind.toLowerCase()]);
    if (filter.verdict) query.where('verdict', filter.verdict);
    if (filter.level) query.where('level', filter.level);
    if (filter.evidence === 'stale') query.where('stale_gates', '>', 0);
    if (filter.evidence === 'configured') {
      query.where('configured_gates', '>', 0);
    }
    if (filter.gate) {
      const { gateId, status } = filter.gate;
      query.whereIn(
        'entity_ref',
        this.db('scorecards_gate_status')
          .select('entity_ref')
          .where({ gate_id: gateId, status }),
      );
    }
    return query;
  }

  async listScorecards(
    filter: OverviewFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: ScorecardSummary[]; totalItems: number }> {
    const [{ count }] = await this.filtered(filter).count({ count: '*' });
    const rows: CurrentRow[] = await this.filtered(filter)
      .select('*')
      .orderBy('entity_ref')
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(toSummary), totalItems: Number(count) };
  }

  async listAllSummaries(): Promise<ScorecardSummary[]> {
    const rows: CurrentRow[] = await this.db('scorecards_current')
      .select('*')
      .orderBy('entity_ref');
    return rows.map(toSummary);
  }
}

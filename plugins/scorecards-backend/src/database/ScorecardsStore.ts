import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  IdempotencyStore,
  KnexIdempotencyStore,
  ownRecord,
} from '@gatekeeper/gatekeeper-node';
import {
  EntityScorecard,
  EntityVerdict,
  FactProvenance,
  GateStatus,
  ScorecardHistoryPoint,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { createHash } from 'crypto';
import { Knex } from 'knex';
import { FactRecord } from '../engine/types';
import { FACT_COLUMNS, toFact } from './factRows';
import { applyTextSearch } from './overviewTextSearch';

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-scorecards-backend',
  'migrations',
);

/** A fact to store. */
export interface FactInput {
  factId: string;
  value: JsonValue;
  /** Epoch ms. */
  observedAt: number;
  source: string;
  /** Commit, CI run and producer (pushed facts); cleared when absent. */
  provenance?: FactProvenance;
}

/** Catalog metadata stored with a scorecard (for filters and roll-ups). */
export interface ScorecardMeta {
  kind: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
}

/** Filters of the overview. */
export interface OverviewFilter {
  /** Only these entities (the caller's catalog view). */
  entityRefs?: string[];
  /** Owner refs (already expanded to child groups). */
  owners?: string[];
  system?: string;
  domain?: string;
  kind?: string;
  verdict?: EntityVerdict;
  level?: string;
  gate?: { gateId: string; status: GateStatus };
  /** Free text: every term in ref, title, owner, system or domain. */
  q?: string;
}

/** Table of the Idempotency-Key records of the push API. */
export const IDEMPOTENCY_TABLE = 'scorecards_idempotency_keys';

/** Persistence of facts, scorecards and history. */
export interface ScorecardsStore {
  upsertFacts(entityRef: string, facts: FactInput[]): Promise<void>;
  getFacts(entityRef: string): Promise<Map<string, FactRecord>>;
  getAllFacts(): Promise<Map<string, Map<string, FactRecord>>>;
  getScorecard(entityRef: string): Promise<EntityScorecard | undefined>;
  /** The stored scorecard as JSON text (served without re-encoding). */
  getScorecardJson(entityRef: string): Promise<string | undefined>;
  /** Stores a scorecard; adds a history row only when the signature changed. */
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
  listEntityRefs(): Promise<string[]>;
  deleteEntities(entityRefs: string[]): Promise<void>;
  /** Idempotency-Key records of the push API, per caller. */
  readonly idempotency: IdempotencyStore;
}

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
}

const CHUNK = 200;

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
  };
}

/** Knex implementation (SQLite and PostgreSQL). */
export class DatabaseScorecardsStore implements ScorecardsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseScorecardsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScorecardsStore(client);
  }

  readonly idempotency: IdempotencyStore;

  private constructor(private readonly db: Knex) {
    this.idempotency = new KnexIdempotencyStore({
      knex: db,
      table: IDEMPOTENCY_TABLE,
    });
  }

  async upsertFacts(entityRef: string, facts: FactInput[]): Promise<void> {
    if (facts.length === 0) return;
    const now = Date.now();
    const rows = facts.map(f => ({
      entity_ref: entityRef,
      fact_id: f.factId,
      value: JSON.stringify(f.value),
      observed_at: f.observedAt,
      source: f.source,
      commit_sha: f.provenance?.commit ?? null,
      run_url: f.provenance?.runUrl ?? null,
      producer: f.provenance?.producer ?? null,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db('scorecards_facts')
        .insert(rows.slice(i, i + CHUNK))
        .onConflict(['entity_ref', 'fact_id'])
        .merge([
          'value',
          'observed_at',
          'source',
          'commit_sha',
          'run_url',
          'producer',
          'updated_at',
        ]);
    }
  }

  async getFacts(entityRef: string): Promise<Map<string, FactRecord>> {
    const rows = await this.db('scorecards_facts')
      .where({ entity_ref: entityRef })
      .select('fact_id', ...FACT_COLUMNS);
    return new Map(rows.map(row => [row.fact_id, toFact(row)]));
  }

  async getAllFacts(): Promise<Map<string, Map<string, FactRecord>>> {
    const rows = await this.db('scorecards_facts').select(
      'entity_ref',
      'fact_id',
      ...FACT_COLUMNS,
    );
    const result = new Map<string, Map<string, FactRecord>>();
    for (const row of rows) {
      let facts = result.get(row.entity_ref);
      if (!facts) {
        facts = new Map();
        result.set(row.entity_ref, facts);
      }
      facts.set(row.fact_id, toFact(row));
    }
    return result;
  }

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

  async saveScorecard(options: {
    scorecard: EntityScorecard;
    signature: string;
    meta: ScorecardMeta;
  }): Promise<{ changed: boolean }> {
    const { scorecard, meta } = options;
    const signature = hash(options.signature);
    const evaluatedAt = new Date(scorecard.evaluatedAt).getTime();
    return this.db.transaction(async tx => {
      const existing = await tx('scorecards_current')
        .where({ entity_ref: scorecard.entityRef })
        .first('signature');
      const changed = existing?.signature !== signature;
      await tx('scorecards_current')
        .insert({
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
        })
        .onConflict('entity_ref')
        .merge();
      if (changed) {
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
      return { changed };
    });
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

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db
      .select('entity_ref')
      .from('scorecards_current')
      .union(q => q.select('entity_ref').from('scorecards_facts'))
      .union(q => q.select('entity_ref').from('scorecards_history'));
    return [...new Set(rows.map(r => r.entity_ref as string))].sort();
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const chunk = entityRefs.slice(i, i + CHUNK);
      await this.db.transaction(async tx => {
        for (const table of [
          'scorecards_facts',
          'scorecards_current',
          'scorecards_gate_status',
          'scorecards_history',
        ]) {
          await tx(table).whereIn('entity_ref', chunk).delete();
        }
      });
    }
  }
}

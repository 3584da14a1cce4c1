import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  IdempotencyStore,
  KnexIdempotencyStore,
} from '@gatekeeper/gatekeeper-node';
import {
  EntityScorecard,
  EntityVerdict,
  EvidenceKind,
  FactProvenance,
  OverviewEvidenceFilter,
  GateStatus,
  ScorecardHistoryPoint,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import { Knex } from 'knex';
import { FactRecord } from '../engine/types';
import { FactStore, KnexFactStore } from './FactStore';
import {
  KnexRefreshStateStore,
  REFRESH_STATE_TABLE,
  RefreshStateStore,
} from './RefreshStateStore';
import { KnexVerdictStore, VerdictStore } from './VerdictStore';

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
  /** Observed (default) or configuration-only. */
  evidence?: EvidenceKind;
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
  /** Only entities with a gate decided by stale / configuration-only evidence. */
  evidence?: OverviewEvidenceFilter;
  /** Free text: every term in ref, title, owner, system or domain. */
  q?: string;
}

/** Table of the Idempotency-Key records of the push API. */
export const IDEMPOTENCY_TABLE = 'scorecards_idempotency_keys';

/**
 * Persistence of the plugin: the fact store, the verdict store, the
 * Idempotency-Keys, and what spans them (the entities known to any table).
 */
export interface ScorecardsStore extends FactStore, VerdictStore {
  listEntityRefs(): Promise<string[]>;
  deleteEntities(entityRefs: string[]): Promise<void>;
  /** Idempotency-Key records of the push API, per caller. */
  readonly idempotency: IdempotencyStore;
  /** What the incremental refresh remembers per entity. */
  readonly refreshState: RefreshStateStore;
}

const CHUNK = 200;

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
  readonly refreshState: RefreshStateStore;
  private readonly facts: FactStore;
  private readonly verdicts: VerdictStore;

  private constructor(private readonly db: Knex) {
    this.facts = new KnexFactStore(db);
    this.verdicts = new KnexVerdictStore(db);
    this.refreshState = new KnexRefreshStateStore(db);
    this.idempotency = new KnexIdempotencyStore({
      knex: db,
      table: IDEMPOTENCY_TABLE,
    });
  }

  upsertFacts(entityRef: string, facts: FactInput[]): Promise<void> {
    return this.facts.upsertFacts(entityRef, facts);
  }

  getFacts(entityRef: string): Promise<Map<string, FactRecord>> {
    return this.facts.getFacts(entityRef);
  }

  getAllFacts(): Promise<Map<string, Map<string, FactRecord>>> {
    return this.facts.getAllFacts();
  }

  getScorecard(entityRef: string): Promise<EntityScorecard | undefined> {
    return this.verdicts.getScorecard(entityRef);
  }

  getScorecardJson(entityRef: string): Promise<string | undefined> {
    return this.verdicts.getScorecardJson(entityRef);
  }

  saveScorecard(
    options: Parameters<VerdictStore['saveScorecard']>[0],
  ): Promise<{ changed: boolean }> {
    return this.verdicts.saveScorecard(options);
  }

  getHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<ScorecardHistoryPoint[]> {
    return this.verdicts.getHistory(entityRef, options);
  }

  listScorecards(
    filter: OverviewFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: ScorecardSummary[]; totalItems: number }> {
    return this.verdicts.listScorecards(filter, page);
  }

  listAllSummaries(): Promise<ScorecardSummary[]> {
    return this.verdicts.listAllSummaries();
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
          REFRESH_STATE_TABLE,
        ]) {
          await tx(table).whereIn('entity_ref', chunk).delete();
        }
      });
    }
  }
}

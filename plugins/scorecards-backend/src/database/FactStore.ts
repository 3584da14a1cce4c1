import { Knex } from 'knex';
import { FactRecord } from '../engine/types';
import type { FactInput } from './ScorecardsStore';

const CHUNK = 200;

/** The facts of every entity (table `scorecards_facts`). */
export interface FactStore {
  upsertFacts(entityRef: string, facts: FactInput[]): Promise<void>;
  getFacts(entityRef: string): Promise<Map<string, FactRecord>>;
  getAllFacts(): Promise<Map<string, Map<string, FactRecord>>>;
}

/**
 * Knex implementation (SQLite and PostgreSQL); the migrations are run by
 * {@link DatabaseScorecardsStore.create}, which builds it.
 */
export class KnexFactStore implements FactStore {
  constructor(private readonly db: Knex) {}

  async upsertFacts(entityRef: string, facts: FactInput[]): Promise<void> {
    if (facts.length === 0) return;
    const now = Date.now();
    const rows = facts.map(f => ({
      entity_ref: entityRef,
      fact_id: f.factId,
      value: JSON.stringify(f.value),
      observed_at: f.observedAt,
      source: f.source,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db('scorecards_facts')
        .insert(rows.slice(i, i + CHUNK))
        .onConflict(['entity_ref', 'fact_id'])
        .merge(['value', 'observed_at', 'source', 'updated_at']);
    }
  }

  private static toFact(row: {
    value: string;
    observed_at: string | number;
    source: string;
  }): FactRecord {
    const observedAt = Number(row.observed_at);
    return {
      value: JSON.parse(row.value),
      observedAt,
      observedAtIso: new Date(observedAt).toISOString(),
      source: row.source,
    };
  }

  async getFacts(entityRef: string): Promise<Map<string, FactRecord>> {
    const rows = await this.db('scorecards_facts')
      .where({ entity_ref: entityRef })
      .select('fact_id', 'value', 'observed_at', 'source');
    return new Map(rows.map(row => [row.fact_id, KnexFactStore.toFact(row)]));
  }

  async getAllFacts(): Promise<Map<string, Map<string, FactRecord>>> {
    const rows = await this.db('scorecards_facts').select(
      'entity_ref',
      'fact_id',
      'value',
      'observed_at',
      'source',
    );
    const result = new Map<string, Map<string, FactRecord>>();
    for (const row of rows) {
      let facts = result.get(row.entity_ref);
      if (!facts) {
        facts = new Map();
        result.set(row.entity_ref, facts);
      }
      facts.set(row.fact_id, KnexFactStore.toFact(row));
    }
    return result;
  }
}

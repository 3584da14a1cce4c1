import { Knex } from 'knex';
import { FactRecord } from '../engine/types';
import { FACT_COLUMNS, toFact } from './factRows';
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
      commit_sha: f.provenance?.commit ?? null,
      run_url: f.provenance?.runUrl ?? null,
      producer: f.provenance?.producer ?? null,
      evidence: f.evidence ?? 'observed',
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
          'evidence',
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
}

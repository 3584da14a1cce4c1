import { Knex } from 'knex';

/** Table of the incremental refresh state. */
export const REFRESH_STATE_TABLE = 'scorecards_refresh_state';

/** What the incremental refresh remembers about one entity. */
export interface RefreshState {
  entityRef: string;
  /** The repository tree last read, and its ETag. */
  repoLocation?: string;
  repoEtag?: string;
  /** Fact provider id -> hash of the facts it last produced. */
  providerHashes: Record<string, string>;
  /** Hash of the entity, the policy and the entity's file waivers. */
  inputsHash: string;
  /** Epoch ms from which the stored evaluation may be out of date. */
  validUntil?: number;
}

/** The incremental refresh state (table `scorecards_refresh_state`). */
export interface RefreshStateStore {
  /** Every entity's state, read once per refresh. */
  getAll(): Promise<Map<string, RefreshState>>;
  save(state: RefreshState): Promise<void>;
  /**
   * Moves `validUntil` earlier (never later), e.g. after an evaluation of
   * pushed facts outside the refresh.
   */
  lowerValidUntil(entityRef: string, validUntil: number): Promise<void>;
}

interface Row {
  entity_ref: string;
  repo_location: string | null;
  repo_etag: string | null;
  provider_hashes: string;
  inputs_hash: string;
  valid_until: string | number | null;
}

function parseHashes(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  const hashes: Record<string, string> = Object.create(null);
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [id, value] of Object.entries(parsed)) {
      if (typeof value === 'string') hashes[id] = value;
    }
  }
  return hashes;
}

/**
 * Knex implementation (SQLite and PostgreSQL); the migrations are run by
 * `DatabaseScorecardsStore.create`, which builds it.
 */
export class KnexRefreshStateStore implements RefreshStateStore {
  constructor(private readonly db: Knex) {}

  async getAll(): Promise<Map<string, RefreshState>> {
    const rows: Row[] = await this.db(REFRESH_STATE_TABLE).select(
      'entity_ref',
      'repo_location',
      'repo_etag',
      'provider_hashes',
      'inputs_hash',
      'valid_until',
    );
    return new Map(
      rows.map(row => [
        row.entity_ref,
        {
          entityRef: row.entity_ref,
          repoLocation: row.repo_location ?? undefined,
          repoEtag: row.repo_etag ?? undefined,
          providerHashes: parseHashes(row.provider_hashes),
          inputsHash: row.inputs_hash,
          validUntil:
            row.valid_until === null ? undefined : Number(row.valid_until),
        },
      ]),
    );
  }

  async save(state: RefreshState): Promise<void> {
    await this.db(REFRESH_STATE_TABLE)
      .insert({
        entity_ref: state.entityRef,
        repo_location: state.repoLocation ?? null,
        repo_etag: state.repoEtag ?? null,
        provider_hashes: JSON.stringify(state.providerHashes),
        inputs_hash: state.inputsHash,
        valid_until: state.validUntil ?? null,
        updated_at: Date.now(),
      })
      .onConflict('entity_ref')
      .merge();
  }

  async lowerValidUntil(entityRef: string, validUntil: number): Promise<void> {
    await this.db(REFRESH_STATE_TABLE)
      .where({ entity_ref: entityRef })
      .andWhere(q =>
        q.whereNull('valid_until').orWhere('valid_until', '>', validUntil),
      )
      .update({ valid_until: validUntil, updated_at: Date.now() });
  }
}

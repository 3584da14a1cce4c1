import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migrateSloDatabase } from '../database/migrateSloDatabase';
import { FreezeOverride, FreezeOverrideStore } from './FreezeOverrideStore';

type FreezeOverrideRow = {
  id: number;
  entity_ref: string;
  created_by: string;
  reason: string;
  expires_at: string;
  created_at: string;
};

/** Knex implementation of {@link FreezeOverrideStore} (SQLite and PostgreSQL). */
export class DatabaseFreezeOverrideStore implements FreezeOverrideStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseFreezeOverrideStore> {
    return new DatabaseFreezeOverrideStore(await migrateSloDatabase(options));
  }

  /** A store on an existing client, whose migrations have already run. */
  static fromClient(db: Knex): DatabaseFreezeOverrideStore {
    return new DatabaseFreezeOverrideStore(db);
  }

  async addFreezeOverride(override: FreezeOverride) {
    await this.db('slo_freeze_overrides').insert({
      entity_ref: override.entityRef,
      created_by: override.by,
      reason: override.reason,
      expires_at: override.expiresAt,
      created_at: override.createdAt,
    });
  }

  async getActiveFreezeOverride(entityRef: string, now: string) {
    const row = await this.db<FreezeOverrideRow>('slo_freeze_overrides')
      .where({ entity_ref: entityRef })
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
          by: row.created_by,
          reason: row.reason,
          expiresAt: row.expires_at,
          createdAt: row.created_at,
        }
      : undefined;
  }
}

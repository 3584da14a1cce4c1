import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migrateSloDatabase } from '../database/migrateSloDatabase';
import { SloReportStore, StoredSloReport } from './SloReportStore';

type ReportRow = {
  entity_ref: string;
  fingerprint: string;
  report: string;
  computed_at: number | string;
  checked_at: number | string;
};

/** Knex implementation of {@link SloReportStore} (SQLite and PostgreSQL). */
export class DatabaseSloReportStore implements SloReportStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSloReportStore> {
    return new DatabaseSloReportStore(await migrateSloDatabase(options));
  }

  /** A store on an existing client, whose migrations have already run. */
  static fromClient(db: Knex): DatabaseSloReportStore {
    return new DatabaseSloReportStore(db);
  }

  async get(entityRef: string): Promise<StoredSloReport | undefined> {
    const row = await this.db<ReportRow>('slo_reports')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const body = JSON.parse(row.report);
    return {
      ...body,
      entityRef: row.entity_ref,
      fingerprint: row.fingerprint,
      computedAt: Number(row.computed_at),
      checkedAt: Number(row.checked_at),
    };
  }

  async put(report: StoredSloReport): Promise<void> {
    const { entityRef, fingerprint, computedAt, checkedAt, ...body } = report;
    await this.db('slo_reports')
      .insert({
        entity_ref: entityRef,
        fingerprint,
        report: JSON.stringify(body),
        computed_at: computedAt,
        checked_at: checkedAt,
      })
      .onConflict('entity_ref')
      .merge();
  }

  async touch(entityRefs: string[], checkedAt: number): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += 500) {
      await this.db('slo_reports')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .update({ checked_at: checkedAt });
    }
  }
}

import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { EntityState } from './detectNotices';

const TABLE = 'gatekeeper_notification_state';
const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-scorecards-backend-module-notifications',
  'migrations',
);

/** A remembered state and the version a compare-and-set write must match. */
export interface StoredState {
  state: EntityState;
  version: number;
}

/** What the notifier remembers per entity. */
export interface NotificationStateStore {
  /** The remembered states of these entities (absent: never seen). */
  get(entityRefs: string[]): Promise<Map<string, StoredState>>;
  /**
   * Saves a state if nobody saved another since `version` was read
   * (undefined: the entity was never seen). False when someone else did:
   * then the caller must not send, the other writer has.
   */
  save(options: {
    entityRef: string;
    version?: number;
    state: EntityState;
  }): Promise<boolean>;
}

/** {@link NotificationStateStore} on the module's database (SQLite or PostgreSQL). */
export class KnexNotificationStateStore implements NotificationStateStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexNotificationStateStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({
        directory: migrationsDir,
        // its own migrations table: the scorecards plugin's database is shared
        tableName: 'gatekeeper_notifications_knex_migrations',
      });
    }
    return new KnexNotificationStateStore(db);
  }

  async get(entityRefs: string[]): Promise<Map<string, StoredState>> {
    const out = new Map<string, StoredState>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .select('entity_ref', 'state', 'version');
      for (const row of rows) {
        out.set(row.entity_ref, {
          state: JSON.parse(row.state) as EntityState,
          version: Number(row.version),
        });
      }
    }
    return out;
  }

  async save(options: {
    entityRef: string;
    version?: number;
    state: EntityState;
  }): Promise<boolean> {
    const { entityRef, version, state } = options;
    const row = {
      state: JSON.stringify(state),
      updated_at: new Date(),
    };
    if (version === undefined) {
      const inserted = await this.db(TABLE)
        .insert({ entity_ref: entityRef, version: 1, ...row })
        .onConflict('entity_ref')
        .ignore()
        .returning('entity_ref');
      return inserted.length === 1;
    }
    const updated = await this.db(TABLE)
      .where({ entity_ref: entityRef, version })
      .update({ ...row, version: version + 1 });
    return updated === 1;
  }
}

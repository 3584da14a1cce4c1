/**
 * The service's PostgreSQL access: a greeting counter. Connection settings
 * come from the standard libpq variables (PGHOST, PGPORT, PGUSER,
 * PGPASSWORD, PGDATABASE) or DATABASE_URL. Covered by the integration tests
 * (test/integration), which CI runs against a real PostgreSQL service.
 */
import pg from 'pg';

export interface GreetingStore {
  /** Creates the schema when missing (idempotent). */
  migrate(): Promise<void>;
  /** Counts one greeting of `name` and returns how many it has had. */
  recordGreeting(name: string): Promise<number>;
  /** True when the database answers a query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface GreetingStoreOptions {
  /** postgres:// URL; default DATABASE_URL, else the PG* variables. */
  connectionString?: string;
  /** Pool size (default 5). */
  max?: number;
}

export function createGreetingStore(options: GreetingStoreOptions = {}): GreetingStore {
  const pool = new pg.Pool({
    connectionString: options.connectionString ?? process.env.DATABASE_URL,
    max: options.max ?? 5,
  });
  return {
    async migrate() {
      await pool.query(
        `CREATE TABLE IF NOT EXISTS greetings (
           name text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 64),
           count integer NOT NULL
         )`,
      );
    },
    async recordGreeting(name) {
      const result = await pool.query<{ count: number }>(
        `INSERT INTO greetings (name, count) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET count = greetings.count + 1
         RETURNING count`,
        [name],
      );
      const row = result.rows[0];
      if (!row) throw new Error('recordGreeting: no row returned');
      return row.count;
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-slo-backend',
  'migrations',
);

/**
 * The plugin's database client with its migrations applied (unless the
 * database service or the caller skips them).
 */
export async function migrateSloDatabase(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const client = await options.database.getClient();
  if (!options.database.migrations?.skip && !options.skipMigrations) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/*
 * A throwaway database on the machine's PostgreSQL (127.0.0.1:5432, user
 * postgres, trust auth) for the generated integration-tests jobs, which the
 * workflow points at a postgres service container through the PG* variables.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface ThrowawayDatabase {
  /** Values for the PG* variables the integration-tests job sets. */
  env: Record<string, string>;
  /** First column of the first row of a query, as psql prints it. */
  scalar(sql: string): Promise<string>;
  drop(): Promise<void>;
}

const HOST = process.env.GATEKEEPER_TEST_PGHOST ?? '127.0.0.1';
const PORT = process.env.GATEKEEPER_TEST_PGPORT ?? '5432';

async function psql(sql: string, database = 'postgres'): Promise<string> {
  const { stdout } = await exec('psql', [
    '-h',
    HOST,
    '-p',
    PORT,
    '-U',
    'postgres',
    '-d',
    database,
    '-v',
    'ON_ERROR_STOP=1',
    '-tA',
    '-c',
    sql,
  ]);
  return stdout.trim();
}

export async function createThrowawayDatabase(
  prefix: string,
): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await psql(`CREATE DATABASE ${name}`);
  return {
    scalar: sql => psql(sql, name),
    env: {
      PGHOST: HOST,
      PGPORT: PORT,
      PGUSER: 'postgres',
      PGPASSWORD: '',
      PGDATABASE: name,
    },
    drop: async () => {
      await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

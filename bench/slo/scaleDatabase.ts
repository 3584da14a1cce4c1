/* Helpers of scale-bench.ts: the database of the stores, peak RSS. */
import path from 'node:path';
import knexFactory, { Knex } from 'knex';

/** Peak RSS (MB) sampled every 50 ms while `fn` runs. */
export async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - started, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function openDatabase(
  dir: string,
): Promise<{ knex: Knex; close(): Promise<void>; name: string }> {
  const pg = process.env.BENCH_POSTGRES_URL;
  if (!pg) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'slo.sqlite') },
      useNullAsDefault: true,
    });
    return { knex, close: () => knex.destroy(), name: 'SQLite (file)' };
  }
  const admin = knexFactory({ client: 'pg', connection: pg });
  const db = `gk_slo_scale_${process.pid}`;
  await admin.raw(`CREATE DATABASE ${db}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${pg.replace(/\/$/, '')}/${db}`,
  });
  return {
    knex,
    name: 'PostgreSQL',
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${db}`);
      await admin.destroy();
    },
  };
}

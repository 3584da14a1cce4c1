import os from 'node:os';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migrateSloDatabase } from '../database/migrateSloDatabase';
import { CachedBuckets, SloBucketStore } from './SloBucketStore';

/** Buckets per stored chunk (a refresh rewrites only the last chunks). */
export const CHUNK_BUCKETS = 1024;

type SeriesRow = {
  cache_key: string;
  step_seconds: number;
  start_ms: number | string;
  complete_end_ms: number | string;
};
type ChunkRow = {
  cache_key: string;
  chunk: number | string;
  first_ms: number | string;
  good: Buffer;
  total: Buffer;
};

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** Float64 little endian, whatever the host's byte order. */
function toBuffer(values: Float64Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(Float64Array.from(values).buffer);
  const buffer = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => buffer.writeDoubleLE(v, i * 8));
  return buffer;
}

function fromBuffer(buffer: Buffer): Float64Array {
  const out = new Float64Array(Math.floor(buffer.length / 8));
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(buffer.subarray(0, out.length * 8));
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = buffer.readDoubleLE(i * 8);
  return out;
}

/** Knex implementation of {@link SloBucketStore} (SQLite and PostgreSQL). */
export class DatabaseSloBucketStore implements SloBucketStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSloBucketStore> {
    return new DatabaseSloBucketStore(await migrateSloDatabase(options));
  }

  /** A store on an existing client, whose migrations have already run. */
  static fromClient(db: Knex): DatabaseSloBucketStore {
    return new DatabaseSloBucketStore(db);
  }

  async read(key: string): Promise<CachedBuckets | undefined> {
    const series = await this.db<SeriesRow>('slo_bucket_series')
      .where({ cache_key: key })
      .first();
    if (!series) return undefined;
    const stepMs = series.step_seconds * 1000;
    const startMs = Number(series.start_ms);
    const completeEndMs = Number(series.complete_end_ms);
    const length = Math.round((completeEndMs - startMs) / stepMs);
    const good = new Float64Array(length);
    const total = new Float64Array(length);
    const chunks = await this.db<ChunkRow>('slo_bucket_chunks')
      .where({ cache_key: key })
      .orderBy('chunk');
    let filled = 0;
    for (const row of chunks) {
      const offset = Math.round((Number(row.first_ms) - startMs) / stepMs);
      const g = fromBuffer(row.good);
      const t = fromBuffer(row.total);
      for (let i = 0; i < g.length; i++) {
        const k = offset + i;
        if (k < 0 || k >= length) continue;
        good[k] = g[i];
        total[k] = t[i];
        filled++;
      }
    }
    // A concurrent writer may have moved the series between the two reads.
    if (filled !== length) return undefined;
    return {
      stepSeconds: series.step_seconds,
      startMs,
      completeEndMs,
      good,
      total,
    };
  }

  async write(
    key: string,
    buckets: CachedBuckets,
    options: { unchangedBeforeMs?: number } = {},
  ): Promise<void> {
    const stepMs = buckets.stepSeconds * 1000;
    const span = CHUNK_BUCKETS * stepMs;
    const chunkOf = (ms: number) => Math.floor(ms / span);
    const length = buckets.good.length;
    const firstChunk = chunkOf(buckets.startMs);
    const lastChunk = length
      ? chunkOf(buckets.startMs + (length - 1) * stepMs)
      : firstChunk - 1;
    const fromChunk = Math.max(
      firstChunk,
      options.unchangedBeforeMs === undefined
        ? firstChunk
        : chunkOf(options.unchangedBeforeMs),
    );
    const rows: (ChunkRow & { chunk: number; first_ms: number })[] = [];
    for (let c = fromChunk; c <= lastChunk; c++) {
      const from = Math.max(
        0,
        Math.ceil((c * span - buckets.startMs) / stepMs),
      );
      const to = Math.min(
        length,
        Math.ceil(((c + 1) * span - buckets.startMs) / stepMs),
      );
      if (to <= from) continue;
      rows.push({
        cache_key: key,
        chunk: c,
        first_ms: buckets.startMs + from * stepMs,
        good: toBuffer(buckets.good.subarray(from, to)),
        total: toBuffer(buckets.total.subarray(from, to)),
      });
    }
    await this.db.transaction(async tx => {
      await tx('slo_bucket_series')
        .insert({
          cache_key: key,
          step_seconds: buckets.stepSeconds,
          start_ms: buckets.startMs,
          complete_end_ms: buckets.completeEndMs,
          updated_at: Date.now(),
        })
        .onConflict('cache_key')
        .merge();
      await tx('slo_bucket_chunks')
        .where({ cache_key: key })
        .andWhere(q =>
          q.where('chunk', '<', firstChunk).orWhere('chunk', '>', lastChunk),
        )
        .delete();
      for (const row of rows) {
        await tx('slo_bucket_chunks')
          .insert(row)
          .onConflict(['cache_key', 'chunk'])
          .merge();
      }
    });
  }
}

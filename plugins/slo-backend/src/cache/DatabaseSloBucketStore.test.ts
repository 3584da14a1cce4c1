import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  CHUNK_BUCKETS,
  DatabaseSloBucketStore,
} from './DatabaseSloBucketStore';

jest.setTimeout(60_000);

const STEP = 60;
const series = (startMs: number, n: number, offset = 0) => ({
  stepSeconds: STEP,
  startMs,
  completeEndMs: startMs + n * STEP * 1000,
  good: Float64Array.from({ length: n }, (_, i) => i + offset + 0.5),
  total: Float64Array.from({ length: n }, (_, i) => 2 * (i + offset) + 1),
});

describe('DatabaseSloBucketStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return { store: await DatabaseSloBucketStore.create({ database }), knex };
  }

  it.each(databases.eachSupportedId())(
    'round-trips a series over several chunks, %p',
    async id => {
      const { store } = await createStore(id);
      expect(await store.read('k')).toBeUndefined();
      const start = 1_800_000_000_000 + 17 * STEP * 1000;
      const written = series(start, 2 * CHUNK_BUCKETS + 5);
      await store.write('k', written);
      expect(await store.read('k')).toEqual(written);
      expect(await store.read('other')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'rewrites only changed chunks and drops chunks before the new start, %p',
    async id => {
      const { store, knex } = await createStore(id);
      const start = 1_800_000_000_000;
      const first = series(start, 3 * CHUNK_BUCKETS);
      await store.write('k', first);
      // Slide forward by one chunk and a bit, appending 10 new buckets.
      const shift = CHUNK_BUCKETS + 3;
      const next = series(
        start + shift * STEP * 1000,
        3 * CHUNK_BUCKETS - shift + 10,
        shift,
      );
      await store.write('k', next, { unchangedBeforeMs: first.completeEndMs });
      expect(await store.read('k')).toEqual(next);
      const chunks = await knex('slo_bucket_chunks').where({ cache_key: 'k' });
      expect(chunks).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'concurrent writers of the same series leave one consistent copy, %p',
    async id => {
      const { store } = await createStore(id);
      const written = series(1_800_000_000_000, CHUNK_BUCKETS + 1);
      await Promise.all([store.write('k', written), store.write('k', written)]);
      expect(await store.read('k')).toEqual(written);
    },
  );
});

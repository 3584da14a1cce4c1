import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  assertValidIdempotencyKey,
  idempotencyRequestHash,
  principalScope,
  runIdempotent,
} from './idempotency';
import {
  createIdempotencyTable,
  KnexIdempotencyStore,
} from './KnexIdempotencyStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe.each(databases.eachSupportedId())('runIdempotent on %p', id => {
  let knex: Knex;
  let store: KnexIdempotencyStore;
  let table = 0;

  beforeAll(async () => {
    knex = await databases.init(id);
  });

  beforeEach(async () => {
    table++;
    await createIdempotencyTable(knex, `idem_${table}`);
    store = new KnexIdempotencyStore({ knex, table: `idem_${table}` });
  });

  const counter = (delayMs = 0) => {
    let calls = 0;
    return {
      calls: () => calls,
      handler: async () => {
        calls += 1;
        const n = calls;
        await sleep(delayMs);
        return { statusCode: 201, body: { id: `incident-${n}` } };
      },
    };
  };

  const run = (
    handler: () => Promise<{ statusCode: number; body: unknown }>,
    over: Partial<Parameters<typeof runIdempotent>[0]> = {},
  ) =>
    runIdempotent({
      store,
      scope: 'user:default/a',
      key: 'k1',
      operation: 'create',
      requestBody: { title: 'x' },
      handler,
      ...over,
    });

  it('replays the stored response for the same key, operation and body', async () => {
    const { calls, handler } = counter();
    expect(await run(handler)).toEqual({
      statusCode: 201,
      body: { id: 'incident-1' },
      replayed: false,
    });
    expect(await run(handler)).toEqual({
      statusCode: 201,
      body: { id: 'incident-1' },
      replayed: true,
    });
    expect(calls()).toBe(1);
  });

  it('scopes keys: the same key in another scope runs the handler', async () => {
    const { calls, handler } = counter();
    await run(handler);
    const other = await run(handler, { scope: 'user:default/b' });
    expect(other.replayed).toBe(false);
    expect(calls()).toBe(2);
  });

  it('is a ConflictError when the key is reused with another body or operation', async () => {
    const { calls, handler } = counter();
    await run(handler);
    await expect(run(handler, { requestBody: { title: 'y' } })).rejects.toThrow(
      ConflictError,
    );
    await expect(run(handler, { operation: 'resolve:1' })).rejects.toThrow(
      /different request/,
    );
    expect(calls()).toBe(1);
  });

  it('runs exactly once for 50 parallel requests with one key', async () => {
    const { calls, handler } = counter(150);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => run(handler)),
    );
    expect(calls()).toBe(1);
    expect(new Set(results.map(r => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter(r => !r.replayed)).toHaveLength(1);
    const [{ count }] = await knex(`idem_${table}`).count({ count: '*' });
    expect(Number(count)).toBe(1);
  });

  it('reserves a key for exactly one of 50 parallel callers', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.reserve({
          scope: 's',
          key: 'k',
          operation: 'op',
          requestHash: 'h',
          leaseMs: 60_000,
        }),
      ),
    );
    expect(attempts.filter(a => a.reserved)).toHaveLength(1);
    const states = attempts.map(a => (a.reserved ? 'won' : a.existing.state));
    expect(states.filter(s => s === 'in-progress')).toHaveLength(49);
  });

  it('answers 409 "in progress" when the first request outlasts the wait', async () => {
    const slow = counter(600);
    const first = run(slow.handler);
    await sleep(50);
    await expect(run(slow.handler, { waitMs: 100 })).rejects.toThrow(
      /in progress/,
    );
    await first;
    expect(slow.calls()).toBe(1);
  });

  it('releases the key when the handler throws, so a retry runs', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      await sleep(50);
      throw new Error('boom');
    };
    const both = await Promise.allSettled([run(failing), run(failing)]);
    expect(both.every(r => r.status === 'rejected')).toBe(true);
    const { handler } = counter();
    expect((await run(handler)).replayed).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  it('takes over an expired reservation and cleans up expired keys', async () => {
    let now = 1_000_000;
    store = new KnexIdempotencyStore({
      knex,
      table: `idem_${table}`,
      now: () => now,
    });
    const held = await store.reserve({
      scope: 's',
      key: 'k',
      operation: 'op',
      requestHash: 'h',
      leaseMs: 1000,
    });
    expect(held.reserved).toBe(true);
    now += 2000;
    const again = await store.reserve({
      scope: 's',
      key: 'k',
      operation: 'op',
      requestHash: 'h',
      leaseMs: 1000,
    });
    expect(again.reserved).toBe(true);
    if (!again.reserved) throw new Error('unreachable');
    await store.complete({
      scope: 's',
      key: 'k',
      token: again.token,
      statusCode: 200,
      body: { ok: true },
      ttlMs: 5000,
    });
    expect(await store.get({ scope: 's', key: 'k' })).toMatchObject({
      state: 'completed',
      body: { ok: true },
    });
    expect(await store.deleteExpired()).toBe(0);
    now += 6000;
    expect(await store.get({ scope: 's', key: 'k' })).toBeUndefined();
    expect(await store.deleteExpired()).toBe(1);
  });

  it('runs the handler every time without a key and stores nothing', async () => {
    const { calls, handler } = counter();
    await run(handler, { key: undefined });
    await run(handler, { key: undefined });
    expect(calls()).toBe(2);
    const [{ count }] = await knex(`idem_${table}`).count({ count: '*' });
    expect(Number(count)).toBe(0);
  });
});

describe('idempotency helpers', () => {
  it('accepts keys of 1 to 255 visible ASCII characters', () => {
    expect(() => assertValidIdempotencyKey('a'.repeat(255))).not.toThrow();
    expect(() => assertValidIdempotencyKey('a'.repeat(256))).toThrow(
      InputError,
    );
    expect(() => assertValidIdempotencyKey('')).toThrow(InputError);
    expect(() => assertValidIdempotencyKey('has space')).toThrow(InputError);
  });

  it('hashes the operation with the body', () => {
    expect(idempotencyRequestHash('a', { x: 1 })).not.toBe(
      idempotencyRequestHash('b', { x: 1 }),
    );
    expect(idempotencyRequestHash('a', undefined)).toBe(
      idempotencyRequestHash('a', {}),
    );
  });

  it('scopes users by entity ref and services by subject', () => {
    expect(
      principalScope({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/a' },
      }),
    ).toBe('user:default/a');
    expect(
      principalScope({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'external:ci' },
      }),
    ).toBe('service:external:ci');
  });
});

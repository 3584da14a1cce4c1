import { ConflictError, InputError } from '@backstage/errors';
import {
  assertValidIdempotencyKey,
  idempotencyRequestHash,
  IdempotencyStore,
  IdempotentResponse,
  runIdempotent,
} from './idempotency';

class MemoryStore implements IdempotencyStore {
  readonly rows = new Map<string, IdempotentResponse>();

  async get({ scope, key }: { scope: string; key: string }) {
    return this.rows.get(`${scope}\n${key}`);
  }

  async put(options: {
    scope: string;
    key: string;
    response: IdempotentResponse;
  }) {
    const id = `${options.scope}\n${options.key}`;
    if (this.rows.has(id)) return false;
    this.rows.set(id, options.response);
    return true;
  }
}

describe('runIdempotent', () => {
  const counter = () => {
    let calls = 0;
    return {
      calls: () => calls,
      handler: async () => {
        calls += 1;
        return { statusCode: 201, body: { id: `incident-${calls}` } };
      },
    };
  };

  it('replays the stored response for the same key, operation and body', async () => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    const run = () =>
      runIdempotent({
        store,
        scope: 'user:default/a',
        key: 'k1',
        operation: 'create',
        requestBody: { title: 'x' },
        handler,
      });
    expect(await run()).toEqual({
      statusCode: 201,
      body: { id: 'incident-1' },
      replayed: false,
    });
    expect(await run()).toEqual({
      statusCode: 201,
      body: { id: 'incident-1' },
      replayed: true,
    });
    expect(calls()).toBe(1);
    expect(store.rows.get('user:default/a\nk1')).toEqual({
      operation: 'create',
      requestHash: idempotencyRequestHash('create', { title: 'x' }),
      statusCode: 201,
      body: { id: 'incident-1' },
    });
  });

  it('scopes keys: the same key in another scope runs the handler', async () => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    for (const scope of ['user:default/a', 'user:default/b']) {
      const result = await runIdempotent({
        store,
        scope,
        key: 'k1',
        operation: 'create',
        requestBody: {},
        handler,
      });
      expect(result.replayed).toBe(false);
    }
    expect(calls()).toBe(2);
  });

  it('is a ConflictError when the key is reused with another body', async () => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    const run = (requestBody: unknown) =>
      runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation: 'create',
        requestBody,
        handler,
      });
    await run({ title: 'x' });
    await expect(run({ title: 'y' })).rejects.toThrow(ConflictError);
    await expect(run({ title: 'y' })).rejects.toThrow(
      'Idempotency-Key was already used for a different request',
    );
    expect(calls()).toBe(1);
  });

  it('is a ConflictError when the key is reused for another operation', async () => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    const run = (operation: string) =>
      runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation,
        requestBody: {},
        handler,
      });
    await run('acknowledge:1');
    await expect(run('resolve:1')).rejects.toThrow(ConflictError);
    expect(calls()).toBe(1);
  });

  it('detects another operation even when the stored hash matches', async () => {
    const store = new MemoryStore();
    await store.put({
      scope: '',
      key: 'k1',
      response: {
        operation: 'other',
        requestHash: idempotencyRequestHash('create', {}),
        statusCode: 200,
        body: {},
      },
    });
    await expect(
      runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation: 'create',
        requestBody: {},
        handler: counter().handler,
      }),
    ).rejects.toThrow(ConflictError);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with spaces', 'bad key'],
    ['non-ASCII', 'clé'],
    ['with control characters', 'a\tb'],
  ])('rejects a key %s with an InputError', async (_name, key) => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    await expect(
      runIdempotent({
        store,
        scope: '',
        key,
        operation: 'create',
        requestBody: {},
        handler,
      }),
    ).rejects.toThrow(InputError);
    expect(calls()).toBe(0);
    expect(store.rows.size).toBe(0);
  });

  it('accepts keys of 1 to 255 visible ASCII characters', () => {
    expect(() => assertValidIdempotencyKey('a')).not.toThrow();
    expect(() => assertValidIdempotencyKey('~'.repeat(255))).not.toThrow();
    expect(() => assertValidIdempotencyKey('run-1:abc/DEF')).not.toThrow();
  });

  it('runs the handler every time without a key and stores nothing', async () => {
    const store = new MemoryStore();
    const { calls, handler } = counter();
    const run = () =>
      runIdempotent({
        store,
        scope: '',
        key: undefined,
        operation: 'create',
        requestBody: {},
        handler,
      });
    expect((await run()).body).toEqual({ id: 'incident-1' });
    expect(await run()).toEqual({
      statusCode: 201,
      body: { id: 'incident-2' },
      replayed: false,
    });
    expect(calls()).toBe(2);
    expect(store.rows.size).toBe(0);
  });

  it('stores nothing when the handler throws, so a retry runs again', async () => {
    const store = new MemoryStore();
    let attempts = 0;
    const run = () =>
      runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation: 'create',
        requestBody: {},
        handler: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('database down');
          return { statusCode: 200, body: { attempt: attempts } };
        },
      });
    await expect(run()).rejects.toThrow('database down');
    expect(store.rows.size).toBe(0);
    expect(await run()).toEqual({
      statusCode: 200,
      body: { attempt: 2 },
      replayed: false,
    });
    expect((await run()).replayed).toBe(true);
    expect(attempts).toBe(2);
  });

  it('returns the winner of a concurrent request with the same key', async () => {
    const store = new MemoryStore();
    const winner = {
      operation: 'create',
      requestHash: idempotencyRequestHash('create', { title: 'x' }),
      statusCode: 201,
      body: { id: 'winner' },
    };
    // The other request stores its response while this handler runs.
    const run = (requestBody: unknown) =>
      runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation: 'create',
        requestBody,
        handler: async () => {
          await store.put({ scope: '', key: 'k1', response: winner });
          return { statusCode: 201, body: { id: 'loser' } };
        },
      });
    expect(await run({ title: 'x' })).toEqual({
      statusCode: 201,
      body: { id: 'winner' },
      replayed: true,
    });
    store.rows.clear();
    await expect(run({ title: 'other' })).rejects.toThrow(ConflictError);
  });

  it('returns its own response when the store refused it but holds nothing', async () => {
    const store: IdempotencyStore = {
      get: async () => undefined,
      put: async () => false,
    };
    expect(
      await runIdempotent({
        store,
        scope: '',
        key: 'k1',
        operation: 'create',
        requestBody: {},
        handler: async () => ({ statusCode: 200, body: 'ok' }),
      }),
    ).toEqual({ statusCode: 200, body: 'ok', replayed: false });
  });
});

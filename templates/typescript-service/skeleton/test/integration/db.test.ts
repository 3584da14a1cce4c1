// Integration tests against a real PostgreSQL (CI: the postgres service
// container of the integration-tests job; locally: any server reachable
// through the PG* variables). They create and drop their own table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGreetingStore, type GreetingStore } from '../../src/db.js';

describe('greeting store on PostgreSQL', () => {
  let store: GreetingStore;

  beforeAll(async () => {
    store = createGreetingStore();
    await store.migrate();
    await store.migrate(); // idempotent
  });

  afterAll(async () => {
    await store?.close();
  });

  it('answers a ping', async () => {
    expect(await store.ping()).toBe(true);
  });

  it('counts greetings per name', async () => {
    const name = `it-${Date.now()}`;
    expect(await store.recordGreeting(name)).toBe(1);
    expect(await store.recordGreeting(name)).toBe(2);
    expect(await store.recordGreeting(`${name}-other`)).toBe(1);
  });

  it('counts concurrent greetings of the same name exactly once each', async () => {
    const name = `race-${Date.now()}`;
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.recordGreeting(name)));
    expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses names the schema does not allow', async () => {
    await expect(store.recordGreeting('')).rejects.toThrow(/check constraint/);
    await expect(store.recordGreeting('x'.repeat(65))).rejects.toThrow(/check constraint/);
  });

  it('reports an unreachable database as not answering', async () => {
    const broken = createGreetingStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await broken.ping()).toBe(false);
    await broken.close();
  });
});

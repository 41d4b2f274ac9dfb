import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from './database.js';
import { createReadCache } from './read-cache.js';

/**
 * A request reaches the server through the event loop, after any notice of a write that finished
 * before it was sent (see commitCounter in database.ts): reads that stand for a new request wait for
 * one turn of the loop, as a request would.
 */
const nextRequest = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A store that has been open a while, as a serving one is (the store's watch is then trusted). */
const serving = async () => {
  for (let i = 0; i < 3; i++) await nextRequest();
};

describe('read cache on SQLite: reused only while nothing at all was written', () => {
  let dir: string;
  let store: Store;
  let other: Store;
  let loads: number;
  const readName = async () => {
    loads++;
    const row = await sql<{ name: string }>`select name from t where id = 1`.execute(store.db);
    return row.rows[0]?.name;
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portier-read-cache-'));
    store = createStore({ dataDir: dir });
    // A second connection to the same file: another process, such as the operator CLI.
    other = createStore({ dataDir: dir });
    await sql`create table t (id integer primary key, name text)`.execute(store.db);
    await sql`insert into t values (1, 'Ana')`.execute(store.db);
    loads = 0;
  });
  afterEach(async () => {
    await other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from memory while the store is unchanged', async () => {
    const cache = createReadCache(store, { maxEntries: 10 });
    expect(await cache.snapshot().read('k', readName)).toBe('Ana');
    expect(await cache.snapshot().read('k', readName)).toBe('Ana');
    expect(loads).toBe(1);
  });

  it('a write by this process is seen by the very next read, even within one snapshot', async () => {
    const cache = createReadCache(store, { maxEntries: 10 });
    const reads = cache.snapshot();
    expect(await reads.read('k', readName)).toBe('Ana');
    await sql`update t set name = 'Bea' where id = 1`.execute(store.db);
    expect(await reads.read('k', readName)).toBe('Bea');
    expect(await cache.snapshot().read('k', readName)).toBe('Bea');
  });

  it('a write by another connection is seen by the next request (snapshot)', async () => {
    await serving();
    const cache = createReadCache(store, { maxEntries: 10 });
    expect(await cache.snapshot().read('k', readName)).toBe('Ana');
    await sql`update t set name = 'Chloé' where id = 1`.execute(other.db);
    await nextRequest();
    expect(await cache.snapshot().read('k', readName)).toBe('Chloé');
  });

  it('a write by another process is seen by the very next request, every time', async () => {
    const cache = createReadCache(store, { maxEntries: 10 });
    const file = path.join(dir, 'portier.sqlite');
    // The operator CLI's case: a separate process commits while this one keeps serving from memory.
    await serving();
    const script = `const db = new (require('better-sqlite3'))(process.argv[1]);
      db.prepare('update t set name = ? where id = 1').run(process.argv[2]); db.close();`;
    for (const name of ['Eva', 'Fay', 'Gil']) {
      expect(await cache.snapshot().read('k', readName)).not.toBe(name);
      execFileSync(process.execPath, ['-e', script, file, name]);
      await nextRequest();
      expect(await cache.snapshot().read('k', readName)).toBe(name);
      expect(await cache.snapshot().read('k', readName)).toBe(name);
    }
    // Each process write cost exactly one read from the store; the rest came from memory.
    expect(loads).toBe(4);
  });

  it('a value read while a write happened is not kept', async () => {
    const cache = createReadCache(store, { maxEntries: 10 });
    const first = await cache.snapshot().read('k', async () => {
      const value = await readName();
      await sql`update t set name = 'Dora' where id = 1`.execute(store.db);
      return value;
    });
    expect(first).toBe('Ana');
    expect(await cache.snapshot().read('k', readName)).toBe('Dora');
  });

  it('never keeps "nothing found", and holds at most maxEntries', async () => {
    const cache = createReadCache(store, { maxEntries: 3 });
    let misses = 0;
    for (let i = 0; i < 3; i++) {
      await cache.snapshot().read('unknown', async () => {
        misses++;
        return undefined;
      });
    }
    expect(misses).toBe(3);
    for (let i = 0; i < 10; i++) await cache.snapshot().read(`k${i}`, readName);
    expect(cache.size).toBe(3);
  });

  it('is off without a change stamp (PostgreSQL) or with 0 entries', async () => {
    for (const cache of [
      createReadCache({}, { maxEntries: 10 }),
      createReadCache(store, { maxEntries: 0 }),
    ]) {
      loads = 0;
      await cache.snapshot().read('k', readName);
      await cache.snapshot().read('k', readName);
      expect(loads).toBe(2);
      expect(cache.enabled).toBe(false);
    }
  });
});

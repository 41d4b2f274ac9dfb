import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from './database.js';

interface T {
  t: { id: number; name: string };
}

describe('SQLite dialect: constant LIMIT and OFFSET are part of the SQL, not bound parameters', () => {
  let dir: string;
  let store: Store;
  let db: Kysely<T>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portier-dialect-'));
    store = createStore({ dataDir: dir });
    db = store.db as unknown as Kysely<T>;
    await sql`create table t (id integer primary key, name text)`.execute(db);
    await sql`insert into t values (1, 'Ana'), (2, 'Bo'), (3, 'Cy'), (4, 'Di')`.execute(db);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a constant limit and offset into the statement (SQLite recompiles a bound LIMIT at every run)', () => {
    const query = db
      .selectFrom('t')
      .select('name')
      .where('id', '>', 1)
      .orderBy('id')
      .limit(2)
      .offset(1)
      .compile();
    expect(query.sql).toBe('select "name" from "t" where "id" > ? order by "id" limit 2 offset 1');
    expect(query.parameters).toEqual([1]);
  });

  it('returns the same rows as with bound values', async () => {
    const rows = await db.selectFrom('t').select('name').orderBy('id').limit(2).offset(1).execute();
    expect(rows.map((r) => r.name)).toEqual(['Bo', 'Cy']);
    const none = await db.selectFrom('t').select('name').limit(0).execute();
    expect(none).toEqual([]);
    const first = await db.selectFrom('t').select('name').orderBy('id', 'desc').limit(1).executeTakeFirst();
    expect(first?.name).toBe('Di');
  });

  it('keeps anything that is not a plain non-negative integer as a bound parameter', async () => {
    const big = db.selectFrom('t').select('name').limit(BigInt(3)).compile();
    expect(big.sql).toBe('select "name" from "t" limit ?');
    expect(big.parameters).toEqual([BigInt(3)]);
    const fractional = db.selectFrom('t').select('name').limit(1.5).compile();
    expect(fractional.sql).toBe('select "name" from "t" limit ?');
    const expression = db.selectFrom('t').select('name').limit(sql<number>`${2} + 1`).compile();
    expect(expression.sql).toBe('select "name" from "t" limit ? + 1');
    expect((await db.selectFrom('t').select('name').limit(BigInt(3)).execute()).length).toBe(3);
  });
});

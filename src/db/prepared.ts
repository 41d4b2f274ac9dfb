/**
 * Prepared queries for the hot paths (sign-in, session check). Kysely builds an immutable node tree,
 * freezes it and compiles it to SQL on every call; on a sign-in that cost more main-thread time than
 * SQLite running the statements. `prepared` builds and compiles a query once per dialect, with marker
 * values in place of the parameters, then only puts each call's values in their slots.
 *
 * Only for queries whose shape never depends on the values (no `if` on a parameter in `build`).
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './types.js';

const MARK = '\u0000portier-param:';

type Params = Record<string, unknown>;

interface Entry<R> {
  compiled: CompiledQuery<R>;
  /** For each compiled parameter: the name of the call's value to put there, or null (a constant). */
  slots: Array<string | null>;
}

/**
 * The same SQL serves every Kysely instance of a dialect, transactions included. They share their
 * root's dialect adapter, which keys the cache (`getExecutor` is marked internal in Kysely 0.28, so
 * an instance without it simply gets its own entry).
 */
function cacheKey(db: Kysely<Database>): object {
  const executor = (db as { getExecutor?: () => { adapter?: object } }).getExecutor?.();
  return executor?.adapter ?? db;
}

export function prepared<P extends Params, R>(build: (db: Kysely<Database>, params: P) => Compilable<R>) {
  const cache = new WeakMap<object, Entry<R>>();
  const markers = new Proxy({} as P, { get: (_target, name) => `${MARK}${String(name)}` });

  function entryFor(db: Kysely<Database>): Entry<R> {
    const key = cacheKey(db);
    let entry = cache.get(key);
    if (!entry) {
      const compiled = build(db, markers).compile();
      const slots = compiled.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : null,
      );
      entry = { compiled, slots };
      cache.set(key, entry);
    }
    return entry;
  }

  async function run(db: Kysely<Database>, params: P) {
    const { compiled, slots } = entryFor(db);
    const parameters = compiled.parameters.map((value, i) => {
      const name = slots[i];
      if (name === null || name === undefined) return value;
      if (!(name in params)) throw new Error(`prepared query: no value for parameter "${name}"`);
      return params[name];
    });
    return db.executeQuery<R>({ ...compiled, parameters });
  }

  return {
    async all(db: Kysely<Database>, params: P): Promise<R[]> {
      return (await run(db, params)).rows;
    },
    async first(db: Kysely<Database>, params: P): Promise<R | undefined> {
      return (await run(db, params)).rows[0];
    },
    /** Rows inserted, updated or deleted. */
    async run(db: Kysely<Database>, params: P): Promise<number> {
      return Number((await run(db, params)).numAffectedRows ?? 0n);
    },
  };
}

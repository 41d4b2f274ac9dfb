/**
 * A cache for the hottest reads (the session check at every request), exact by construction: an
 * answer is reused only while nothing at all has been written to the store since it was read — by
 * this process or any other. Any write empties it.
 *
 * Only SQLite tells that cheaply (see `Store.changeStamp`); on PostgreSQL other nodes write without
 * telling this one, so every read goes to the store. `undefined` (nothing found) is never kept:
 * made-up keys (random session tokens) cannot fill the cache and push real entries out.
 *
 * A request reads through one snapshot: its first read asks the store whether anything changed (a
 * read transaction, the costly part); its later reads check only this process's own writes (free)
 * and otherwise see other processes' writes as of that first read — one consistent view per request.
 */
import type { ChangeStamp, Store } from './database.js';

export interface ReadSnapshot {
  /** The value `load` gives, reused while the store is unchanged. Callers must not mutate it. */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The cached value, without waiting, or `undefined` when it would have to be read (the caller then
   * uses `read`). Lets the hottest path answer without a round of promises when nothing changed.
   */
  peek<T>(key: string): T | undefined;
}

export interface ReadCache {
  /** A view for one request (or one unit of work). */
  snapshot(): ReadSnapshot;
  readonly enabled: boolean;
  /** Entries held now (tests and metrics). */
  readonly size: number;
}

const direct: ReadSnapshot = { read: (_key, load) => load(), peek: () => undefined };

export function createReadCache(
  store: Pick<Store, 'changeStamp'>,
  options: { maxEntries: number },
): ReadCache {
  const stamp = store.changeStamp;
  if (!stamp || options.maxEntries <= 0) {
    return { snapshot: () => direct, enabled: false, size: 0 };
  }
  const entries = new Map<string, unknown>();
  // The stamp the entries were read under.
  let ownWrites = -1;
  let otherWrites = -1;

  /** Empties the cache when the stamp moved; false when the store cannot answer. */
  const settle = (now: ChangeStamp | null) => {
    if (!now) return false;
    if (now.ownWrites !== ownWrites || now.otherWrites !== otherWrites) {
      entries.clear();
      ownWrites = now.ownWrites;
      otherWrites = now.otherWrites;
    }
    return true;
  };
  const full = () => {
    try {
      return stamp.full();
    } catch {
      return null;
    }
  };

  return {
    enabled: true,
    get size() {
      return entries.size;
    },
    snapshot() {
      // Other processes' writes as of this snapshot's first read (-1: not read yet).
      let seenOtherWrites = -1;
      /** Settles the cache against the store as this snapshot sees it; false when it cannot tell. */
      const current = () => {
        let now: ChangeStamp | null;
        if (seenOtherWrites === otherWrites && seenOtherWrites !== -1) {
          now = { ownWrites: stamp.ownWrites(), otherWrites: seenOtherWrites };
        } else {
          now = full();
          if (now) seenOtherWrites = now.otherWrites;
        }
        return settle(now);
      };
      return {
        peek<T>(key: string): T | undefined {
          return current() ? (entries.get(key) as T | undefined) : undefined;
        },
        async read<T>(key: string, load: () => Promise<T>): Promise<T> {
          if (!current()) return load();
          if (entries.has(key)) return entries.get(key) as T;
          const before = { ownWrites, otherWrites };
          const value = await load();
          // Kept only if the stamp did not move while it was read (it may be stale otherwise). This
          // process's writes are counted now; another process's write shows at the next full check.
          if (
            value !== undefined &&
            stamp.ownWrites() === before.ownWrites &&
            ownWrites === before.ownWrites &&
            otherWrites === before.otherWrites
          ) {
            if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
            entries.set(key, value);
          }
          return value;
        },
      };
    },
  };
}

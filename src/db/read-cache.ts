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
  const state = new CacheState(stamp, options.maxEntries);
  return {
    enabled: true,
    get size() {
      return state.entries.size;
    },
    snapshot: () => new Snapshot(state),
  };
}

/** The entries and the stamp they were read under. */
class CacheState {
  readonly entries = new Map<string, unknown>();
  ownWrites = -1;
  otherWrites = -1;

  constructor(
    readonly stamp: NonNullable<Store['changeStamp']>,
    readonly maxEntries: number,
  ) {}

  /** Empties the cache when the stamp moved. */
  settle(ownWrites: number, otherWrites: number) {
    if (ownWrites !== this.ownWrites || otherWrites !== this.otherWrites) {
      this.entries.clear();
      this.ownWrites = ownWrites;
      this.otherWrites = otherWrites;
    }
  }

  /** Both counters, or null when the store cannot answer (then nothing is served from memory). */
  full(): ChangeStamp | null {
    try {
      return this.stamp.full();
    } catch {
      return null;
    }
  }
}

/** One request's view: its first read asks the store for both counters, later ones only for ours. */
class Snapshot implements ReadSnapshot {
  /** Other processes' writes as of this snapshot's first read (-1: not read yet). */
  #seenOtherWrites = -1;

  constructor(readonly state: CacheState) {}

  /** Settles the cache against the store as this snapshot sees it; false when it cannot tell. */
  #current(): boolean {
    const state = this.state;
    if (this.#seenOtherWrites === state.otherWrites && this.#seenOtherWrites !== -1) {
      state.settle(state.stamp.ownWrites(), this.#seenOtherWrites);
      return true;
    }
    const now = state.full();
    if (!now) return false;
    this.#seenOtherWrites = now.otherWrites;
    state.settle(now.ownWrites, now.otherWrites);
    return true;
  }

  peek<T>(key: string): T | undefined {
    return this.#current() ? (this.state.entries.get(key) as T | undefined) : undefined;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.#current()) return load();
    const state = this.state;
    if (state.entries.has(key)) return state.entries.get(key) as T;
    const ownWrites = state.ownWrites;
    const otherWrites = state.otherWrites;
    const value = await load();
    // Kept only if the stamp did not move while it was read (it may be stale otherwise). This
    // process's writes are counted now; another process's write shows at the next full check.
    if (
      value !== undefined &&
      state.stamp.ownWrites() === ownWrites &&
      state.ownWrites === ownWrites &&
      state.otherWrites === otherWrites
    ) {
      if (state.entries.size >= state.maxEntries) {
        state.entries.delete(state.entries.keys().next().value as string);
      }
      state.entries.set(key, value);
    }
    return value;
  }
}

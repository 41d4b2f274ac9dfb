/**
 * The store: SQLite (better-sqlite3, WAL) in the data folder by default, PostgreSQL when
 * DATABASE_URL is set. Nothing here is a module-level singleton; the container owns the instance.
 */
import { closeSync, type FSWatcher, mkdirSync, openSync, readSync, watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { PortierSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Writes seen so far: by this connection (`total_changes()`, counted as each statement ends) and
 * commits by any connection (read from SQLite's WAL index; see `commitCounter`).
 */
export interface ChangeStamp {
  ownWrites: number;
  otherWrites: number;
}

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw pg pool when on PostgreSQL (shared with the rate limiter). */
  pgPool?: pg.Pool;
  /** PostgreSQL schema this store lives in (default: the connection's search_path, usually public). */
  pgSchema?: string;
  /**
   * SQLite only: tells whether anything was written to the store. `full()` reads both counters (the
   * commit counter costs one small file read); `ownWrites()` only this process's own, which costs
   * nothing. Undefined on PostgreSQL, where other nodes write without telling us.
   */
  changeStamp?: { full(): ChangeStamp; ownWrites(): number };
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  pgSchema?: string;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
  poolSize?: number;
}

// pg is loaded only when PostgreSQL is configured: the embedded default does not pay for it.
const requireLazily = createRequire(import.meta.url);

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query it runs. Reusing
 * the compiled statement for the same SQL text saves that work on every request (the connection runs
 * one query at a time, so a cached statement is never used twice at once).
 */
function withStatementCache(database: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = database.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function createStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const { Pool, types } = requireLazily('pg') as typeof pg;
    // int8 (bigint: our epoch-millisecond times and serial ids) fits well within 2^53: read it as a number.
    const pgTypes = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20
          ? (value: string) => Number(value)
          : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    };
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pgPool: pool, pgSchema: options.pgSchema, close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, options.sqliteFile ?? 'portier.sqlite');
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new PortierSqliteDialect({ database: withStatementCache(database) }),
  });
  // Read on the raw connection, outside Kysely's queue: a stamp taken while another flow's transaction
  // is open already counts that transaction's writes, so it can only be too careful, never stale.
  const own = database.prepare('select total_changes()').pluck();
  const others = commitCounter(database, file);
  const changeStamp = {
    full: (): ChangeStamp => ({ otherWrites: others.read(), ownWrites: own.get() as number }),
    ownWrites: () => own.get() as number,
  };
  return {
    db,
    dialect: 'sqlite',
    changeStamp,
    close: async () => {
      await db.destroy();
      // Only now: closing any descriptor of the -shm file drops every POSIX lock this process holds on
      // it, SQLite's own included.
      others.close();
    },
  };
}

/** Size of the first copy of the WAL-index header (https://www.sqlite.org/walformat.html#the_wal_index_file_format). */
const WAL_INDEX_HEADER_BYTES = 48;

/**
 * Counts commits by any connection, this process's or another's (such as the operator CLI), for the
 * read cache. In WAL mode every commit first appends its pages to the `-wal` file, then publishes
 * itself in the WAL-index header at the start of the `-shm` file.
 *
 * - Usually the count comes from the kernel: a watch on the `-wal` file (inotify on Linux) hears of
 *   each append before the commit is even published, so reading the count costs nothing. The notice
 *   is queued before any request sent after the commit reaches the server, and the event loop takes
 *   I/O in the order it arrived: a request always sees every write that finished before it came.
 *   (Code that writes through another connection and reads back without going through the event
 *   loop, only possible inside one process, must wait one turn of the loop: tests do.)
 *   The watch is trusted from the second turn of the event loop after the store opens.
 * - Without a watch, each read compares the 48-byte WAL-index header with the last one seen: one
 *   `pread`, still much cheaper than `pragma data_version`'s read transaction. A header caught while
 *   a writer copies it differs from the last one seen, so it can only count a commit too many.
 * - Without a `-shm` file (another journal mode), `pragma data_version`.
 */
function commitCounter(database: SQLite.Database, file: string) {
  const dataVersion = database.prepare('pragma data_version').pluck();
  // The pragma opens the WAL: the -wal and -shm files exist from here on while this connection is open.
  dataVersion.get();
  const wal = database.pragma('journal_mode', { simple: true }) === 'wal';
  let commits = 0;
  let watcher: FSWatcher | null = null;
  let armed = false;
  let fd: number | null = null;
  if (wal) {
    try {
      watcher = watch(`${file}-wal`, { persistent: false }, () => {
        commits++;
      });
      watcher.on('error', () => {
        // The watch is gone (the file was replaced): from now on the header is read every time.
        commits++;
        watcher?.close();
        watcher = null;
      });
      // The loop starts listening to the watch at its next turn, and hands over what was written before
      // that at the turn after: until then the header is read every time.
      setImmediate(() =>
        setImmediate(() => {
          armed = true;
        }),
      );
    } catch {
      watcher = null;
    }
    try {
      fd = openSync(`${file}-shm`, 'r');
    } catch {
      fd = null;
    }
  }
  const seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  const header = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  return {
    read(): number {
      if (watcher && armed) return commits;
      if (fd === null) return dataVersion.get() as number;
      // A short read (never seen) counts as a commit: the cache is emptied, never trusted.
      const got = readSync(fd, header, 0, WAL_INDEX_HEADER_BYTES, 0);
      if (got !== WAL_INDEX_HEADER_BYTES || !header.equals(seen)) {
        header.copy(seen);
        commits++;
      }
      return commits;
    },
    close() {
      watcher?.close();
      watcher = null;
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** True when the store answers a trivial query (readiness). */
export async function pingStore(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

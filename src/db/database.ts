/**
 * The store: SQLite (better-sqlite3, WAL) in the data folder by default, PostgreSQL when
 * DATABASE_URL is set. Nothing here is a module-level singleton; the container owns the instance.
 */
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
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
  const others = commitCounter(database, `${file}-shm`);
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
 * Counts commits by any connection, this process's or another's, for the read cache. Every commit in
 * WAL mode rewrites the WAL-index header at the start of the `-shm` file (its change counter, last
 * frame and checksum), and readers learn of commits from that header alone, so reading its 48 bytes
 * tells exactly what `pragma data_version` tells, without a read transaction: one `pread` instead of
 * the shared-memory locks SQLite takes (about a tenth of a session check). A header caught while a
 * writer copies it differs from the last one seen, so it can only count a commit too many.
 *
 * Falls back to `pragma data_version` when there is no `-shm` file to read (another journal mode).
 */
function commitCounter(database: SQLite.Database, shmFile: string) {
  const dataVersion = database.prepare('pragma data_version').pluck();
  // The pragma opens the WAL index: the -shm file exists from here on while this connection is open.
  dataVersion.get();
  let fd: number | null = null;
  if (database.pragma('journal_mode', { simple: true }) === 'wal') {
    try {
      fd = openSync(shmFile, 'r');
    } catch {
      fd = null;
    }
  }
  const seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  const header = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  let commits = 0;
  return {
    read(): number {
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

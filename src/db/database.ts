/**
 * The store: SQLite (better-sqlite3, WAL) in the data folder by default, PostgreSQL when
 * DATABASE_URL is set. Nothing here is a module-level singleton; the container owns the instance.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { PortierSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './types.js';
import { commitCounter } from './wal-commits.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Writes seen so far: by this connection (`total_changes()`, counted as each statement ends) and
 * commits by any connection (see wal-commits.ts).
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
  /**
   * PostgreSQL: the longest a statement may run, and a transaction may stay idle, in ms (the app
   * gives its request timeout: an answer that late is no use to anyone). Unset: no limit.
   */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL: told when the server ends a pooled connection (a restart, a failover, an idle
   * transaction's timeout). The pool drops that connection and opens another when needed.
   */
  onConnectionError?: (error: Error) => void;
}

/** PostgreSQL: how long a request waits for a connection (to open, or to be free) before 503. */
export const PG_CONNECT_TIMEOUT_MS = 5000;

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
      // A store that does not answer must not hold requests (and their sockets) for ever: they end in
      // 503 service_unavailable instead (errors.ts).
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      ...(options.statementTimeoutMs
        ? {
            statement_timeout: options.statementTimeoutMs,
            // A transaction left open (a node stalled mid-request) must not hold its row locks for ever.
            idle_in_transaction_session_timeout: options.statementTimeoutMs,
          }
        : {}),
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // Without a listener, a connection ended by the server (a restart, a failover, an administrator,
    // a transaction left idle past its timeout) would be an unhandled 'error' event, which ends the
    // process. The pool listens on the connections it holds idle; this one is on each connection also
    // while a request has it (its query, or its transaction's next one, then fails: 503), and the pool
    // drops a broken connection when it comes back.
    pool.on('error', () => undefined); // told once, by the connection's own listener
    pool.on('connect', (client) => {
      client.on('error', (error) => options.onConnectionError?.(error));
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

/**
 * Housekeeping that no request waits for (one purge of the hourly run, the session clean-up): on
 * PostgreSQL it runs in a transaction of its own without the request-time statement limit, so a large
 * backlog (the first purge after an upgrade, say) is cleared rather than cut off every time. Keep each
 * such transaction to one purge: the rows it deletes stay locked until it ends.
 */
export async function housekeeping<T>(store: Store, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (store.dialect !== 'postgres') return work(store.db);
  return store.db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    return work(trx);
  });
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

/**
 * Applies the migrations, all or nothing, one process at a time:
 * - PostgreSQL: a session advisory lock serialises nodes that start at the same moment (the second
 *   waits, then finds nothing left to do); each migration runs in its own transaction.
 * - SQLite: Kysely takes no lock there and runs each statement on its own, so two processes starting
 *   on a fresh file both began creating tables, and a crash half-way left a store no start could
 *   migrate again. So every pending migration runs in one `BEGIN IMMEDIATE` transaction: it takes
 *   the file's write lock first (another process waits for it, then finds nothing left to do), and a
 *   failure or a crash leaves the file as it was (SQLite's DDL is transactional).
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Store } from './database.js';
import { migrations } from './migrations/index.js';

export const MIGRATION_LOCK_ID = 731_200_125;

/**
 * PostgreSQL: Kysely's migrator asks whether its own tables exist by listing every table of every
 * schema the role may use (PostgresIntrospector.getTables), which is slow on a database holding many
 * schemas and fails ("schema … does not exist") when another schema is dropped during the look. Here
 * its two questions are answered from the catalogue, for this schema alone.
 */
function introspectingOnly(db: Kysely<unknown>, schema: string): Kysely<unknown> {
  const introspection = {
    getSchemas: async () => [{ name: schema }],
    getTables: async () => {
      const { rows } = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm')`.execute(db);
      return rows.map((r) => ({
        name: r.name,
        schema,
        isView: r.kind === 'v' || r.kind === 'm',
        columns: [],
      }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function runMigrator(
  db: Kysely<unknown>,
  list: Record<string, Migration>,
  schema?: string,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: schema ? introspectingOnly(db, schema) : db,
    provider: { getMigrations: async () => list },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  return migrator.migrateToLatest();
}

/** `list`: the app's migrations; tests pass others. */
export async function migrateToLatest(
  store: Store,
  list: Record<string, Migration> = migrations,
): Promise<string[]> {
  const result =
    store.dialect === 'postgres'
      ? await store.db.connection().execute(async (conn) => {
          // Waiting for another node's migrations, and migrating a large table, may take longer than
          // a request may (the pool's statement timeout): not on this connection, until it is back.
          await sql`set statement_timeout = 0`.execute(conn);
          await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(conn);
          try {
            // The schema this connection works in (search_path may come from DATABASE_URL's options).
            const { rows } = await sql<{
              schema: string | null;
              path: string;
            }>`select current_schema() as schema, current_setting('search_path') as path`.execute(conn);
            const schema = rows[0]?.schema ?? null;
            if (schema === null) {
              // Else Kysely would look in (and might find migrations recorded in) public, and create
              // no table where this node will look for them.
              throw new Error(
                `PostgreSQL: no schema to migrate: search_path (${rows[0]?.path}) names no existing schema`,
              );
            }
            if (store.pgSchema && schema !== store.pgSchema) {
              throw new Error(
                `store expects schema ${store.pgSchema} but the connection works in ${schema} (search_path ${rows[0]?.path})`,
              );
            }
            return await runMigrator(conn as Kysely<unknown>, list, schema);
          } finally {
            await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(conn);
            await sql`reset statement_timeout`.execute(conn);
          }
        })
      : await store.db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          let outcome: MigrationResultSet | undefined;
          try {
            outcome = await runMigrator(conn as Kysely<unknown>, list);
          } finally {
            if (outcome && !outcome.error) await sql`commit`.execute(conn);
            // SQLite may have rolled back already (some errors do): the first error is the one to tell.
            else await sql`rollback`.execute(conn).catch(() => undefined);
          }
          return outcome;
        });
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

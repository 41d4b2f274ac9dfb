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

async function runMigrator(
  db: Kysely<unknown>,
  list: Record<string, Migration>,
  schema?: string,
): Promise<MigrationResultSet> {
  // Name the schema: Kysely's "does the table exist" check looks across schemas otherwise.
  const migrator = new Migrator({
    db,
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
            if (store.pgSchema && schema !== store.pgSchema) {
              throw new Error(
                `store expects schema ${store.pgSchema} but the connection works in ${schema} (search_path ${rows[0]?.path})`,
              );
            }
            return await runMigrator(conn as Kysely<unknown>, list, schema ?? 'public');
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

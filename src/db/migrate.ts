/**
 * Applies the migrations. On PostgreSQL a session advisory lock serialises nodes that start at the
 * same moment (the second waits, then finds nothing left to do). On SQLite the file's write lock does.
 */
import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Store } from './database.js';
import { migrations } from './migrations/index.js';

const MIGRATION_LOCK_ID = 731_200_125;

async function runMigrator(db: Kysely<unknown>, schema?: string): Promise<MigrationResultSet> {
  // Name the schema: Kysely's "does the table exist" check looks across schemas otherwise.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  return migrator.migrateToLatest();
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const result =
    store.dialect === 'postgres'
      ? await store.db.connection().execute(async (conn) => {
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
            return await runMigrator(conn as Kysely<unknown>, schema ?? 'public');
          } finally {
            await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(conn);
          }
        })
      : await runMigrator(store.db as Kysely<unknown>);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

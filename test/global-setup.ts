/**
 * PostgreSQL test schemas are named t_<run>_<id> and dropped once, after the whole run, not as each
 * test ends (fewer drops while other files migrate; src/db/migrate.ts no longer minds them, but a run
 * of older code on the same database still would). Leftovers of runs older than an hour (a run that
 * was killed) are dropped at the start; runs going on in parallel are left alone.
 */
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOUR = 3_600_000;

async function dropSchemas(select: (run: number) => boolean) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return; // no PostgreSQL here: the tests say so loudly themselves
  }
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname ~ '^[tm]_[0-9a-z]+_'",
    );
    for (const { nspname } of rows) {
      const run = Number.parseInt(nspname.split('_')[1] ?? '', 36);
      if (Number.isFinite(run) && select(run))
        await client.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await client.end();
  }
}

export async function setup() {
  const run = Date.now();
  process.env.PORTIER_TEST_RUN = run.toString(36);
  await dropSchemas((r) => r < run - HOUR);
  return () => dropSchemas((r) => r === run);
}

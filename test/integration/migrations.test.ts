/**
 * Migrations on the embedded store: all or nothing, one process at a time (src/db/migrate.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, type Migration, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';

const { DATABASE_URL: _unused, ...withoutDatabaseUrl } = process.env;

describe('migrations on SQLite', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portier-migrate-'));
    dirs.push(dir);
    return dir;
  };
  const tables = async (store: Store) =>
    (
      await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
        store.db,
      )
    ).rows.map((r) => r.name);

  it('a migration that fails half-way leaves the store as it was, and the next start migrates it', async () => {
    const dir = freshDir();
    const store = createStore({ dataDir: dir });
    stores.push(store);
    const broken: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('the machine stopped here');
      },
    };
    await expect(migrateToLatest(store, { ...migrations, '9999-12-31T0000-broken': broken })).rejects.toThrow(
      /9999-12-31T0000-broken.*the machine stopped here/,
    );
    // Nothing of this run stays: not the tables of the migrations before it, not its own first step.
    expect(await tables(store)).toEqual([]);

    const applied = await migrateToLatest(store);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await tables(store)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'audit_events', 'outbox']),
    );
    expect(await migrateToLatest(store)).toEqual([]);
  });

  it('addresses stored in another Unicode form are put in NFC, unless that address is already an account', async () => {
    const store = createStore({ dataDir: freshDir() });
    stores.push(store);
    const before = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < '2026-11-26T1200-nfc-emails'),
    );
    await migrateToLatest(store, before);
    const user = (id: string, email: string) => ({
      id,
      email,
      name: id,
      language: 'fr' as const,
      status: 'active' as const,
      failed_attempts: 0,
      created_at: 0,
      updated_at: 0,
    });
    await store.db
      .insertInto('users')
      .values([
        user('jose', 'jose\u0301@hotel.example'),
        user('lea', 'le\u0301a@hotel.example'),
        user('lea-nfc', 'l\u00e9a@hotel.example'),
      ])
      .execute();
    expect(
      await migrateToLatest(store, {
        ...before,
        '2026-11-26T1200-nfc-emails': migrations['2026-11-26T1200-nfc-emails'] as Migration,
      }),
    ).toEqual(['2026-11-26T1200-nfc-emails']);
    const emails = Object.fromEntries(
      (await store.db.selectFrom('users').select(['id', 'email']).execute()).map((r) => [r.id, r.email]),
    );
    expect(emails).toEqual({
      jose: 'jos\u00e9@hotel.example',
      // Its NFC form is another account's: left for an operator.
      lea: 'le\u0301a@hotel.example',
      'lea-nfc': 'l\u00e9a@hotel.example',
    });
  });

  it('processes migrating a fresh file at the same moment all succeed: one applies, the others find it done', async () => {
    const run = (dir: string, at: number) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/migrate-at.ts'], {
          env: { ...withoutDatabaseUrl, PORTIER_DATA_DIR: dir, MIGRATE_AT: String(at) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
        });
        child.stderr.on('data', (chunk) => {
          err += chunk;
        });
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    for (let round = 0; round < 3; round++) {
      const dir = freshDir();
      // Each child loads first, then all start migrating at the same wall-clock moment.
      const at = Date.now() + 4000;
      const runs = await Promise.all([run(dir, at), run(dir, at), run(dir, at)]);
      expect(
        runs.map((r) => r.code),
        runs.map((r) => r.err).join('\n'),
      ).toEqual([0, 0, 0]);
      const applied = runs.map((r) => JSON.parse(r.out) as string[]).sort((a, b) => b.length - a.length);
      expect(applied).toEqual([Object.keys(migrations), [], []]);
      const store = createStore({ dataDir: dir });
      stores.push(store);
      expect(await migrateToLatest(store)).toEqual([]);
    }
  }, 60_000);
});

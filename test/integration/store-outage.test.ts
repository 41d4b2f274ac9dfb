/**
 * When the store cannot serve (down, restarting, locked, too slow), requests end in 503
 * `service_unavailable` with Retry-After, in the request's language, and nothing is half-written;
 * a PostgreSQL restart never ends the process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createStore, housekeeping, type StoreOptions } from '../../src/db/database.js';
import type { Database as Schema } from '../../src/db/types.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  signIn,
  TEST_DATABASE_URL,
  type TestApp,
} from '../helpers/app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testApp(options: Parameters<typeof buildTestApp>[0]) {
  const t = await buildTestApp(options);
  cleanups.push(() => t.close());
  return t;
}

function expectUnavailable(res: { statusCode: number; headers: Record<string, unknown>; json(): any }) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.json().error.code).toBe('service_unavailable');
}

const postgres = dialects.includes('postgres');

/** Another node holding a person's row in a transaction that does not end (until rolled back). */
async function holdRow(t: TestApp, userId: string) {
  const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await other.connect();
  cleanups.push(() => other.end());
  await other.query('begin');
  await other.query(`select id from ${t.pgSchema}.users where id = $1 for update`, [userId]);
  return other;
}

/** A store on the test database with one connection, closed after the test. */
function pgStore(options: Pick<StoreOptions, 'statementTimeoutMs' | 'onConnectionError'>) {
  const store = createStore({
    databaseUrl: TEST_DATABASE_URL,
    dataDir: mkdtempSync(path.join(tmpdir(), 'portier-outage-')),
    poolSize: 1,
    ...options,
  });
  cleanups.push(() => store.close());
  return store;
}

describe('a store that cannot serve', () => {
  it('unreachable PostgreSQL: sign-in, session check and readiness answer 503 with Retry-After, in French too', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-outage-'));
    // Nothing listens on port 1: every connection is refused at once.
    const config = loadConfig(
      {},
      {
        dataDir,
        logLevel: 'silent',
        demoData: false,
        publicUrl: 'http://localhost:3000',
        databaseUrl: 'postgres://postgres@127.0.0.1:1/test',
      },
    );
    const c = await createContainer(config);
    const app = await buildApp(c);
    cleanups.push(async () => {
      await app.close();
      await c.close();
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders({ 'accept-language': 'fr-FR' }),
      payload: { email: 'ana@hotel.example', password: 'Correct-Horse-Battery-1' },
    });
    expectUnavailable(login);
    expect(login.json().error.message).toBe(
      'Le service est momentanément indisponible. Réessayez dans un instant.',
    );
    expectUnavailable(
      await app.inject({ url: '/api/v1/session', headers: { cookie: `portier_session=${'a'.repeat(43)}` } }),
    );
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    // Said in the API's description, for every API route.
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const [method, route] of [
      ['post', '/api/v1/auth/login'],
      ['get', '/api/v1/session'],
    ] as const) {
      const unavailable = doc.paths[route][method].responses['503'];
      expect(unavailable.description).toContain('`service_unavailable`');
      expect(unavailable.headers['Retry-After']).toBeDefined();
    }
  });

  it.skipIf(!postgres)(
    'PostgreSQL: a statement held up by a lock ends at the request timeout (503), nothing half-written',
    async () => {
      const t = await testApp({ dialect: 'postgres', config: { requestTimeout: '1s' } });
      const user = await t.createUser();
      const other = await holdRow(t, user.id);
      const started = Date.now();
      const held = await signIn(t, user.email, user.password);
      expectUnavailable(held);
      expect(Date.now() - started).toBeLessThan(5000);
      await other.query('rollback');
      const counts = async () => ({
        sessions: (await t.c.store.db.selectFrom('sessions').select('id').execute()).length,
        succeeded: (
          await t.c.store.db
            .selectFrom('audit_events')
            .select('id')
            .where('action', '=', 'sign_in.succeeded')
            .execute()
        ).length,
      });
      expect(await counts()).toEqual({ sessions: 0, succeeded: 0 });
      // The lock gone, the same sign-in works.
      expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
      expect(await counts()).toEqual({ sessions: 1, succeeded: 1 });
    },
  );

  it('SQLite: the file locked by another process past the busy timeout: 503, then the sign-in works', async () => {
    const t = await testApp({ dialect: 'sqlite' });
    const user = await t.createUser();
    const other = new Database(path.join(t.dataDir, 'portier.sqlite'));
    cleanups.push(async () => other.close());
    other.exec('begin immediate');
    expectUnavailable(await signIn(t, user.email, user.password));
    other.exec('rollback');
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
  }, 20_000);

  it.skipIf(!postgres)(
    'PostgreSQL ending the connection of a request under way: 503, and the node serves the next one',
    async () => {
      const t = await testApp({ dialect: 'postgres' });
      const user = await t.createUser();
      const other = await holdRow(t, user.id);
      const pending = signIn(t, user.email, user.password);
      // The sign-in's transaction waits on the row; the server then ends its connection.
      await expect
        .poll(async () => {
          const { rows } = await other.query<{ ended: boolean }>(
            'select pg_terminate_backend(pid) as ended from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))',
          );
          return rows.length;
        })
        .toBe(1);
      expectUnavailable(await pending);
      await other.query('rollback');
      expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
    },
  );

  it.skipIf(!postgres)(
    'a transaction left idle past the timeout is ended by PostgreSQL without ending the process',
    async () => {
      const ended: Error[] = [];
      const store = pgStore({ statementTimeoutMs: 300, onConnectionError: (error) => ended.push(error) });
      // A node that stalls inside a transaction (a blocked event loop, say).
      const stalled = store.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await sql`select 2`.execute(trx);
      });
      await expect(stalled).rejects.toThrow();
      expect((ended[0] as Error & { code?: string })?.code).toBe('25P03');
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]?.one).toBe(1);
    },
  );

  it.skipIf(!postgres)(
    'PostgreSQL: housekeeping is not held to the request-time statement limit',
    async () => {
      const store = pgStore({ statementTimeoutMs: 200 });
      const slow = (db: Kysely<Schema>) => sql`select pg_sleep(0.4)`.execute(db);
      await expect(slow(store.db)).rejects.toMatchObject({ code: '57014' });
      await expect(housekeeping(store, slow)).resolves.toBeDefined();
      // And the limit holds again afterwards, on the same connection.
      await expect(slow(store.db)).rejects.toMatchObject({ code: '57014' });
    },
  );

  it.skipIf(!postgres)(
    'PostgreSQL ending a pooled connection (a restart, a failover) does not end the process',
    async () => {
      const ended: Error[] = [];
      const store = pgStore({ onConnectionError: (error) => ended.push(error) });
      const pid = async () =>
        (await store.pgPool?.query<{ pid: number }>('select pg_backend_pid() as pid'))?.rows[0]?.pid;
      const first = await pid();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [first]);
      await admin.end();
      await expect.poll(() => ended.length).toBe(1);
      expect((ended[0] as Error & { code?: string }).code).toBe('57P01');
      // The pool opens another connection for the next query.
      const second = await pid();
      expect(second).toBeTypeOf('number');
      expect(second).not.toBe(first);
    },
  );
});

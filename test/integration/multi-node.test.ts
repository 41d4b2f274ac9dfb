import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  overHttp,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

describe.each(dialects)('two nodes on one store (%s)', (dialect) => {
  let a: TestApp;
  let b: TestApp;
  beforeEach(async () => {
    a = await buildTestApp({ dialect, config: { loginIpLimit: 1000 } });
    b = await buildTestApp({ shareWith: a, config: { loginIpLimit: 1000 } });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  // Node a's checks come over HTTP, as requests reach a node: through its socket and event loop.
  it('a session opened on one node is valid on the other, and a sign-out on either ends it', async () => {
    const get = await overHttp(a);
    const user = await a.createUser();
    const cookie = sessionCookieFrom(await signIn(a, user.email, user.password));
    expect((await b.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    // Node a has just answered for this session (on SQLite it keeps the answer in memory).
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    await b.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', cookie },
      payload: {},
    });
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(401);
  });

  it('a change written by the other node shows at the very next request (no stale session answer)', async () => {
    const get = await overHttp(a);
    const user = await a.createUser({ name: 'Before Rename' });
    const cookie = sessionCookieFrom(await signIn(a, user.email, user.password));
    type Answer = { user: { name: string }; error: { details: { reason: string } } };
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/v1/session', { headers: { cookie } });
      expect((res.body as Answer).user.name).toBe('Before Rename');
    }
    await b.c.store.db.updateTable('users').set({ name: 'After Rename' }).where('id', '=', user.id).execute();
    const renamed = await get('/api/v1/session', { headers: { cookie } });
    expect((renamed.body as Answer).user.name).toBe('After Rename');
    await b.c.store.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    const refused = await get('/api/v1/session', { headers: { cookie } });
    expect(refused.status).toBe(401);
    expect((refused.body as Answer).error.details.reason).toBe('account_disabled');
  });

  it('failures spread over both nodes, in parallel, add up to one exact lockout', async () => {
    const user = await a.createUser();
    const attempts = Array.from({ length: 20 }, (_, i) =>
      signIn(i % 2 ? a : b, user.email, `wrong-${i}-password`),
    );
    await Promise.all(attempts);
    const row = await a.c.store.db
      .selectFrom('users')
      .select(['failed_attempts', 'status'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_attempts: 20, status: 'disabled' });
    expect(await a.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
    expect((await signIn(b, user.email, user.password)).statusCode).toBe(403);
  });
});

describe.runIf(dialects.includes('postgres'))('shared per-IP limit on PostgreSQL', () => {
  it('failures on one node count against the IP on the other', async () => {
    const a = await buildTestApp({ dialect: 'postgres', config: { loginIpLimit: 4 } });
    const b = await buildTestApp({ shareWith: a, config: { loginIpLimit: 4 } });
    try {
      for (let i = 0; i < 2; i++) await signIn(a, 'x@hotel.example', 'spray-1-password');
      for (let i = 0; i < 2; i++) await signIn(b, 'y@hotel.example', 'spray-1-password');
      expect((await signIn(a, 'z@hotel.example', 'spray-1-password')).statusCode).toBe(429);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('two nodes migrating at the same moment do not collide', async () => {
    const a = await buildTestApp({ dialect: 'postgres' });
    try {
      const { createStore } = await import('../../src/db/database.js');
      const { migrateToLatest } = await import('../../src/db/migrate.js');
      const { TEST_DATABASE_URL, TEST_RUN } = await import('../helpers/app.js');
      const pg = (await import('pg')).default;
      const schema = `m_${TEST_RUN}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      try {
        const stores = [1, 2, 3].map(() =>
          createStore({ databaseUrl: TEST_DATABASE_URL, dataDir: a.dataDir, pgSchema: schema }),
        );
        // Wait for every node, failed or not, before the schema goes away.
        const settled = await Promise.allSettled(stores.map((s) => migrateToLatest(s)));
        await Promise.all(stores.map((s) => s.close()));
        const { migrations } = await import('../../src/db/migrations/index.js');
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
        const applied = settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
        // Each migration applied exactly once across the three racing nodes.
        expect(applied.sort()).toEqual(Object.keys(migrations).sort());
      } finally {
        await admin.end();
      }
    } finally {
      await a.close();
    }
  });

  it('a node migrates while other schemas of the database come and go (other apps, other test runs)', async () => {
    const { createStore } = await import('../../src/db/database.js');
    const { migrateToLatest } = await import('../../src/db/migrate.js');
    const { TEST_DATABASE_URL, TEST_RUN } = await import('../helpers/app.js');
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    const churner = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await churner.connect();
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const other = `m_${TEST_RUN}_churn${i % 3}`;
        await churner.query(
          `create schema if not exists ${other}; create table if not exists ${other}.a (id int)`,
        );
        await churner.query(`drop schema if exists ${other} cascade`);
      }
    })();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-migrate-'));
    const outcomes: string[] = [];
    try {
      for (let n = 0; n < 4; n++) {
        const schema = `m_${TEST_RUN}_${Date.now().toString(36)}_${n}`;
        await admin.query(`create schema ${schema}`);
        const store = createStore({ databaseUrl: TEST_DATABASE_URL, dataDir, pgSchema: schema, poolSize: 1 });
        try {
          await migrateToLatest(store);
          outcomes.push('migrated');
        } catch (error) {
          outcomes.push((error as Error).message);
        } finally {
          await store.close();
          await admin.query(`drop schema ${schema} cascade`);
        }
      }
    } finally {
      stop = true;
      await churn;
      await churner.end();
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(outcomes).toEqual(['migrated', 'migrated', 'migrated', 'migrated']);
  });

  it('a DATABASE_URL whose search_path names no existing schema is refused, not migrated elsewhere', async () => {
    const { createStore } = await import('../../src/db/database.js');
    const { migrateToLatest } = await import('../../src/db/migrate.js');
    const { TEST_DATABASE_URL, TEST_RUN } = await import('../helpers/app.js');
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=m_${TEST_RUN}_nowhere`);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-migrate-'));
    const store = createStore({ databaseUrl: url.toString(), dataDir, poolSize: 1 });
    try {
      await expect(migrateToLatest(store)).rejects.toThrow(/no schema to migrate: search_path/);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a node waiting longer than a statement may run for another node’s migrations still migrates', async () => {
    const a = await buildTestApp({ dialect: 'postgres' });
    const { createStore } = await import('../../src/db/database.js');
    const { migrateToLatest, MIGRATION_LOCK_ID } = await import('../../src/db/migrate.js');
    const { TEST_DATABASE_URL, TEST_RUN } = await import('../helpers/app.js');
    const pg = (await import('pg')).default;
    const schema = `m_${TEST_RUN}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`create schema ${schema}`);
      // The other node holds the migration lock for well over this node's statement timeout.
      await admin.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      const store = createStore({
        databaseUrl: TEST_DATABASE_URL,
        dataDir: a.dataDir,
        pgSchema: schema,
        poolSize: 1,
        statementTimeoutMs: 300,
      });
      try {
        const migrating = migrateToLatest(store);
        await new Promise((resolve) => setTimeout(resolve, 1200));
        await admin.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
        const { migrations } = await import('../../src/db/migrations/index.js');
        expect((await migrating).sort()).toEqual(Object.keys(migrations).sort());
        // The connection goes back to the pool with the request-time limit.
        const { sql } = await import('kysely');
        const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(store.db);
        expect(shown.rows[0]?.statement_timeout).toBe('300ms');
      } finally {
        await store.close();
      }
    } finally {
      await admin.query('select pg_advisory_unlock_all()');
      await admin.end();
      await a.close();
    }
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`Redis is required under CI=true but ${REDIS_URL} did not answer: ${error}`);
    console.warn(
      `\n*** Redis at ${REDIS_URL} did not answer: the shared-limit test is SKIPPED. Under CI=true this is an error. ***\n`,
    );
    return false;
  } finally {
    client.disconnect();
  }
}

const redisUp = await redisAnswers();

describe.runIf(redisUp)('per-IP limit shared through Redis (REDIS_URL)', () => {
  it('failures on one node count against the IP on the other', async () => {
    const prefix = `t${Date.now().toString(36)}`;
    const config = { loginIpLimit: 3, redisUrl: REDIS_URL };
    const a = await buildTestApp({ config });
    const b = await buildTestApp({ shareWith: a, config });
    try {
      const ip = { remoteAddress: `10.${Math.floor(Math.random() * 250)}.9.9` };
      const attempt = (t: TestApp, email: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
          payload: { email: `${prefix}-${email}`, password: 'spray-1-password' },
          ...ip,
        });
      expect((await attempt(a, 'x@hotel.example')).statusCode).toBe(401);
      expect((await attempt(b, 'y@hotel.example')).statusCode).toBe(401);
      expect((await attempt(a, 'z@hotel.example')).statusCode).toBe(401);
      const limited = await attempt(b, 'w@hotel.example');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('per-IP limit when Redis is down', () => {
  it("sign-ins keep working and the limit still holds, counted in this node's memory", async () => {
    // A closed port: Redis is configured but unreachable.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const t = await buildTestApp({ config: { loginIpLimit: 3, redisUrl: `redis://127.0.0.1:${closed}` } });
    try {
      const user = await t.createUser();
      const attempt = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: jsonHeaders(),
          payload: { email: user.email, password },
          remoteAddress: '10.77.0.1',
        });
      expect((await attempt(user.password)).statusCode).toBe(200);
      for (let i = 0; i < 3; i++) expect((await attempt(`wrong-password-${i}`)).statusCode).toBe(401);
      const limited = await attempt('wrong-password-4');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});

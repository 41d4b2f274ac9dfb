/**
 * buildTestApp: a real app on a real store — SQLite in a temporary folder, or PostgreSQL in a
 * schema of its own (so test files run in parallel without seeing each other). Pass `shareWith` to
 * start a second node on the same store (two processes' worth of app on one database).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { type ConfigInput, loadConfig } from '../../src/config.js';
import { type Container, createContainer } from '../../src/container.js';
import { createStore, type Dialect } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { MailTransport } from '../../src/notifications/transports.js';
import { createPasswordChecker } from '../../src/passwords/policy.js';
import { type Clock, ManualClock } from '../../src/shared/clock.js';

/** Set by test/global-setup.ts; names this run's PostgreSQL schemas so that only they are dropped. */
export const TEST_RUN = process.env.PORTIER_TEST_RUN ?? Date.now().toString(36);

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `PostgreSQL is required under CI=true but ${TEST_DATABASE_URL} did not answer: ${error}`,
      );
    }
    console.warn(
      `\n*** PostgreSQL at ${TEST_DATABASE_URL} did not answer (${(error as Error).message}): ` +
        'integration tests run on SQLite ONLY in this run. Under CI=true this is an error. ***\n',
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const postgresAvailable = await probePostgres();

/** The dialects every integration test loops over. */
export const dialects: Dialect[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  c: Container;
  clock: Clock;
  dialect: Dialect;
  dataDir: string;
  pgSchema?: string;
  createUser(
    input?: Partial<{ email: string; name: string; password: string; language: 'fr' | 'en' }>,
  ): Promise<{
    id: string;
    email: string;
    name: string;
    password: string;
  }>;
  close(): Promise<void>;
}

// One strength checker per test process: its worker loads the dictionaries once.
const sharedChecker = createPasswordChecker({ productWords: ['portier', 'localhost', 'hotel'] });

export interface TestAppOptions {
  dialect?: Dialect;
  config?: Partial<ConfigInput>;
  clock?: Clock;
  transport?: MailTransport;
  shareWith?: TestApp;
  logger?: Logger;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dialect = options.shareWith?.dialect ?? options.dialect ?? 'sqlite';
  const owner = !options.shareWith;
  const dataDir = options.shareWith?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'portier-test-'));
  const clock = options.clock ?? options.shareWith?.clock ?? new ManualClock(Date.UTC(2026, 10, 25, 9, 0, 0));
  let pgSchema = options.shareWith?.pgSchema;
  if (dialect === 'postgres' && !pgSchema) {
    pgSchema = `t_${TEST_RUN}_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${pgSchema}`);
    await admin.end();
  }
  const config = loadConfig(
    {},
    {
      dataDir,
      logLevel: 'silent',
      demoData: false,
      publicUrl: 'http://localhost:3000',
      ...(dialect === 'postgres' ? { databaseUrl: TEST_DATABASE_URL } : {}),
      ...options.config,
    },
  );
  // As the container makes it for a served node (statement timeout = request timeout), in the test's schema.
  const store = createStore({
    databaseUrl: config.databaseUrl,
    dataDir,
    pgSchema,
    poolSize: 5,
    statementTimeoutMs: config.requestTimeout,
  });
  const c = await createContainer(config, {
    checker: sharedChecker,
    clock,
    store,
    transport: options.transport,
    logger: options.logger,
  });
  await migrateToLatest(store);
  const app = await buildApp(c);
  await app.ready();

  let users = 0;
  const t: TestApp = {
    app,
    c,
    clock,
    dialect,
    dataDir,
    pgSchema,
    async createUser(input = {}) {
      users++;
      const password =
        input.password ?? `Correct-Horse-Battery-${users}-${Math.random().toString(36).slice(2, 8)}`;
      const created = await c.users.createUser({
        email: input.email ?? `user${users}-${Math.random().toString(36).slice(2, 8)}@hotel.example`,
        name: input.name ?? `Test User ${users}`,
        password,
        language: input.language ?? 'en',
      });
      return { ...created, password };
    },
    async close() {
      await app.close();
      await c.close();
      if (owner) {
        // PostgreSQL schemas are dropped after the whole run (test/global-setup.ts).
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  return t;
}

/** Headers a same-origin browser page sends with a JSON request. */
export function jsonHeaders(extra: Record<string, string> = {}) {
  return { 'content-type': 'application/json', origin: 'http://localhost:3000', ...extra };
}

/** The session cookie value from a response, as a `cookie` request header. */
export function sessionCookieFrom(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('portier_session'));
  if (!cookie) throw new Error('no session cookie in the response');
  return `${cookie.name}=${cookie.value}`;
}

export async function signIn(
  t: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: jsonHeaders(headers),
    payload: { email, password },
  });
}

/** An answer over real HTTP, as a browser gets it. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Serves the test app on a loopback port and returns a client for it: requests then reach the app
 * the way they do in production (through the socket and the event loop, and the fast lanes in front
 * of Fastify), which `inject` skips.
 */
export async function overHttp(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test app is not listening');
  const base = `http://127.0.0.1:${address.port}`;
  return async (pathAndQuery: string, init: RequestInit = {}): Promise<HttpAnswer> => {
    const res = await fetch(base + pathAndQuery, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
}

/** A pino logger at `info` whose JSON lines are kept: `lines` parsed, `text()` as written. */
export function captureLogs() {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const line = chunk.toString();
      raw.push(line);
      lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines, text: () => raw.join('') };
}

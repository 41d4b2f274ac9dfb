/**
 * The key sealing TOTP secrets at rest: a node whose key does not open the secrets already stored
 * refuses to start (instead of failing every sign-in with an authenticator app), and several nodes on
 * PostgreSQL must be given one key.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedKeyProblem } from '../../src/mfa/sealing-key.js';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  TEST_DATABASE_URL,
  type TestApp,
} from '../helpers/app.js';
import { codeAt } from '../helpers/totp.js';

/** A person with an authenticator app enrolled: a TOTP secret sealed in the store. */
async function enrolAuthenticatorApp(t: TestApp) {
  const user = await t.createUser();
  const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: jsonHeaders({ cookie }), payload });
  await post('/api/v1/account/reauth', { password: user.password });
  const start = (await post('/api/v1/account/mfa/totp', {})).json();
  const confirmed = await post('/api/v1/account/mfa/totp/confirm', {
    enrolmentId: start.enrolmentId,
    code: codeAt(start.secret, (t.clock as ManualClock).now()),
  });
  expect(confirmed.statusCode).toBe(201);
  return user;
}

const otherKey = () => randomBytes(32).toString('base64');

describe.each(dialects)('the two-factor sealing key (%s)', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
  });

  it('a key that does not open the stored secrets is refused; the right one, or an empty store, is not', async () => {
    const first = await buildTestApp({ dialect });
    apps.push(first);
    expect(await first.c.mfa.storedSecretsProblem()).toBeNull();
    await enrolAuthenticatorApp(first);
    expect(await first.c.mfa.storedSecretsProblem()).toBeNull();

    const wrong = await buildTestApp({ shareWith: first, config: { mfaKey: otherKey() } });
    apps.push(wrong);
    expect(await wrong.c.mfa.storedSecretsProblem()).toMatch(
      /^PORTIER_MFA_KEY: PORTIER_MFA_KEY does not open the two-factor secrets stored in this database/,
    );

    // The embedded default's key file, given explicitly: the same key, so the same secrets open.
    const sameKey = readFileSync(path.join(first.dataDir, 'mfa.key'), 'utf8').trim();
    const right = await buildTestApp({ shareWith: first, config: { mfaKey: sameKey } });
    apps.push(right);
    expect(await right.c.mfa.storedSecretsProblem()).toBeNull();
  });
});

describe('several nodes on PostgreSQL', () => {
  it('must be given PORTIER_MFA_KEY (a key file per node would seal with a different key on each)', () => {
    const databaseUrl = 'postgres://postgres@127.0.0.1:5432/test';
    expect(sharedKeyProblem({ databaseUrl })).toMatch(/^PORTIER_MFA_KEY: required with DATABASE_URL/);
    expect(sharedKeyProblem({ databaseUrl, mfaKey: otherKey() })).toBeNull();
    expect(sharedKeyProblem({})).toBeNull();
  });
});

/** Runs the server's own start (src/main.ts) and returns its exit code and output, or kills it. */
function startServer(env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', PORT: '0', PORTIER_LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    // A server that starts is a failure here: stop it rather than wait for ever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('starting the server, as an operator sees it', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('stops with exit code 2 and says what to do when the data folder’s key file was replaced', async () => {
    const t = await buildTestApp();
    apps.push(t);
    await enrolAuthenticatorApp(t);
    // The key file lost and made anew (a backup restored without it, say). The test app keeps its
    // store open: SQLite lets the server open it too.
    writeFileSync(path.join(t.dataDir, 'mfa.key'), otherKey());
    const run = await startServer({ PORTIER_DATA_DIR: t.dataDir, PORTIER_DEMO_DATA: 'false' });
    expect(run.code).toBe(2);
    expect(run.out).toContain('does not open the two-factor secrets stored in this database');
    expect(run.out).not.toContain('Portier is running');
  }, 90_000);

  it('stops with exit code 2 before touching PostgreSQL when DATABASE_URL comes without PORTIER_MFA_KEY', async () => {
    const run = await startServer({ DATABASE_URL: TEST_DATABASE_URL });
    expect(run.code).toBe(2);
    expect(run.out).toContain('PORTIER_MFA_KEY: required with DATABASE_URL');
  }, 90_000);
});

/**
 * The key sealing TOTP secrets at rest: a node whose key does not open the secrets already stored
 * refuses to start (instead of failing every sign-in with an authenticator app), several nodes on
 * PostgreSQL must be given one key, and an operator who lost the key for good has a way out.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { sharedKeyProblem } from '../../src/mfa/sealing-key.js';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';
import { cli } from '../helpers/cli.js';
import { lastMailTo } from '../helpers/mail.js';
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

/** The operator CLI on a test app's store, with the given two-factor key. */
const cliWithKey = (t: TestApp, args: string[], mfaKey: string) =>
  cli(t, args, '', { PORTIER_MFA_KEY: mfaKey });

describe.each(dialects)('the two-factor sealing key (%s)', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
  });

  it('a key that does not open every stored secret is refused; the right one, or an empty store, is not', async () => {
    const first = await buildTestApp({ dialect });
    apps.push(first);
    expect(await first.c.mfa.storedSecretsProblem()).toBeNull();
    await enrolAuthenticatorApp(first);
    await enrolAuthenticatorApp(first);
    expect(await first.c.mfa.storedSecretsProblem()).toBeNull();

    const wrong = await buildTestApp({ shareWith: first, config: { mfaKey: otherKey() } });
    apps.push(wrong);
    expect(await wrong.c.mfa.storedSecretsProblem()).toMatch(
      /^PORTIER_MFA_KEY: this key does not open 2 authenticator app\(s\) of 2 person\(s\) stored in this database.*Set PORTIER_MFA_KEY to the key they were sealed with/,
    );
    // A node whose key opens some secrets but not others (nodes that sealed with different keys) is
    // refused too: every secret is checked, not a sample.
    await enrolAuthenticatorApp(wrong);
    expect(await first.c.mfa.storedSecretsProblem()).toMatch(/does not open 1 authenticator app\(s\) of 1/);

    // The embedded default's key file, given explicitly, is the same key.
    const sameKey = readFileSync(path.join(first.dataDir, 'mfa.key'), 'utf8').trim();
    const right = await buildTestApp({ shareWith: first, config: { mfaKey: sameKey } });
    apps.push(right);
    expect(await right.c.mfa.storedSecretsProblem()).toMatch(/does not open 1 authenticator app/);
  });

  it('a node given another key answers an authenticator-app code with 503 and the other ways in, not a 500', async () => {
    const first = await buildTestApp({ dialect });
    apps.push(first);
    const user = await enrolAuthenticatorApp(first);
    // Started before any secret was stored, so its start-up check had nothing to compare.
    const other = await buildTestApp({ shareWith: first, config: { mfaKey: otherKey() } });
    apps.push(other);
    const step = (await signIn(other, user.email, user.password)).json();
    expect(step.status).toBe('mfa_required');
    const res = await other.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: jsonHeaders({ 'accept-language': 'fr' }),
      payload: { challenge: step.challenge, method: 'totp', code: '123456' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('mfa_app_unavailable');
    expect(res.json().error.message).toMatch(/Utilisez un autre moyen/);
  });

  it('when the key is lost for good, `portier mfa drop-unreadable` removes only what it cannot open, and tells the owners', async () => {
    const t = await buildTestApp({ dialect });
    apps.push(t);
    const lost = await enrolAuthenticatorApp(t);
    const newKey = otherKey();
    const fresh = await buildTestApp({ shareWith: t, config: { mfaKey: newKey } });
    apps.push(fresh);
    const kept = await enrolAuthenticatorApp(fresh);

    // Without --confirm it only counts.
    expect(await cliWithKey(t, ['mfa', 'drop-unreadable'], newKey)).toEqual({
      code: 0,
      out: expect.stringMatching(
        /^1 authenticator app\(s\) of 1 person\(s\) cannot be opened with this key; run again with --confirm/,
      ),
    });
    expect(await fresh.c.mfa.storedSecretsProblem()).not.toBeNull();

    expect(await cliWithKey(t, ['mfa', 'drop-unreadable', '--confirm'], newKey)).toEqual({
      code: 0,
      out: 'removed 1 authenticator app(s) of 1 person(s); this key is now the one every node must use',
    });
    expect(await fresh.c.mfa.storedSecretsProblem()).toBeNull();
    // The owner of the lost app signs in with the password alone now, and was told why by e-mail;
    // the other person's app still asks for its code.
    expect((await signIn(fresh, lost.email, lost.password)).statusCode).toBe(200);
    expect((await lastMailTo(fresh, lost.email))?.text_body).toContain(
      'your authenticator app can no longer be used to sign in, so we removed it from your account',
    );
    expect((await signIn(fresh, kept.email, kept.password)).json().status).toBe('mfa_required');
    const audit = await fresh.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'mfa.factor_removed')
      .execute();
    expect(audit.map((a) => JSON.parse(String(a.details)).reason)).toEqual(['sealing_key_lost']);
    expect(await cliWithKey(t, ['mfa', 'drop-unreadable'], newKey)).toEqual({
      code: 0,
      out: 'the key opens every stored authenticator app: nothing to remove',
    });
  });

  it('before anyone enrols an app, a node given another key: refused on PostgreSQL, adopted on the embedded store', async () => {
    const firstKey = otherKey();
    const first = await buildTestApp({ dialect, config: { mfaKey: firstKey } });
    apps.push(first);
    expect(await first.c.mfa.storedSecretsProblem()).toBeNull();
    const secondKey = otherKey();
    const second = await buildTestApp({ shareWith: first, config: { mfaKey: secondKey } });
    apps.push(second);
    if (dialect === 'sqlite') {
      // One node and nothing sealed: the key the node starts with is the key.
      expect(await second.c.mfa.storedSecretsProblem()).toBeNull();
      await enrolAuthenticatorApp(second);
      expect(await first.c.mfa.storedSecretsProblem()).toMatch(/does not open 1 authenticator app/);
      return;
    }
    expect(await second.c.mfa.storedSecretsProblem()).toMatch(
      /^PORTIER_MFA_KEY: this is not the key the other nodes of this database use/,
    );
    // A dry run only reads: one with a stray key, before any node recorded its key, records nothing.
    const bare = await buildTestApp({ dialect, config: { mfaKey: firstKey } });
    apps.push(bare);
    expect(await cliWithKey(bare, ['mfa', 'drop-unreadable'], otherKey())).toMatchObject({ code: 0 });
    expect(await bare.c.mfa.storedSecretsProblem()).toBeNull();
    expect(await cliWithKey(second, ['mfa', 'drop-unreadable'], secondKey)).toEqual({
      code: 0,
      out: expect.stringMatching(/other nodes were started with another key; run again with --confirm/),
    });
    expect(await second.c.mfa.storedSecretsProblem()).not.toBeNull();
    // The operator makes the second key the one: now the first node would be refused.
    expect(await cliWithKey(second, ['mfa', 'drop-unreadable', '--confirm'], secondKey)).toEqual({
      code: 0,
      out: 'removed 0 authenticator app(s) of 0 person(s); this key is now the one every node must use',
    });
    expect(await second.c.mfa.storedSecretsProblem()).toBeNull();
    expect(await first.c.mfa.storedSecretsProblem()).toMatch(/not the key the other nodes/);
  });
});

describe('several nodes on PostgreSQL', () => {
  it('must be given PORTIER_MFA_KEY, and are told to reuse a key file their secrets were sealed with', () => {
    const databaseUrl = 'postgres://postgres@127.0.0.1:5432/test';
    expect(sharedKeyProblem({ databaseUrl, dataDir: '/srv/portier' })).toMatch(
      /^PORTIER_MFA_KEY: required with DATABASE_URL .*the content of \/srv\/portier\/mfa\.key/,
    );
    expect(sharedKeyProblem({ databaseUrl, mfaKey: otherKey(), dataDir: '/srv/portier' })).toBeNull();
    expect(sharedKeyProblem({ dataDir: '/srv/portier' })).toBeNull();
  });

  it('the CLI will not drop secrets on PostgreSQL with a key it made up', async () => {
    const out: string[] = [];
    const run = runCli(['mfa', 'drop-unreadable', '--confirm'], {
      stdin: Readable.from(['']),
      out: (s) => out.push(s),
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable' },
    });
    await expect(run).rejects.toThrow(/PORTIER_MFA_KEY: required with DATABASE_URL/);
  });
});

/** Runs the server's own start (src/main.ts); returns its exit code and output. */
function startServer(env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', PORT: '0', PORTIER_LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    const read = (d: Buffer) => {
      out += d;
      // A server that starts is a failure here: stop it at once.
      if (out.includes('Portier is running')) child.kill('SIGKILL');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
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
    expect(run.out).toContain('this key does not open 1 authenticator app(s) of 1 person(s)');
    expect(run.out).toContain(`Put back the ${t.dataDir}/mfa.key file they were sealed with`);
    expect(run.out).not.toContain('Portier is running');
  }, 90_000);

  it('stops with exit code 2 before opening the store when DATABASE_URL comes without PORTIER_MFA_KEY', async () => {
    // An address nothing answers at: a start that went on to open the store would fail otherwise (1).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-key-'));
    try {
      const run = await startServer({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
        PORTIER_DATA_DIR: dataDir,
      });
      expect(run.code).toBe(2);
      expect(run.out).toContain('PORTIER_MFA_KEY: required with DATABASE_URL');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

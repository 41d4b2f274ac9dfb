import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

// The fastest of several runs: robust to a busy machine, which only ever adds time.
const fastest = (xs: number[]) => Math.min(...xs);

describe.each(dialects)('sign-in sad path (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect, config: { loginIpLimit: 1000 } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('unknown e-mail and wrong password give the same status and the same body', async () => {
    const user = await t.createUser();
    const unknown = await signIn(t, 'nobody@hotel.example', user.password);
    const wrong = await signIn(t, user.email, 'wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'Invalid email or password' },
    });
  });

  it('the generic message is in French for a French browser', async () => {
    const res = await signIn(t, 'nobody@hotel.example', 'whatever-password', {
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5',
    });
    expect(res.json().error.message).toBe('Adresse e-mail ou mot de passe non valide');
  });

  it('unknown e-mail and wrong password take comparable time (dummy hash verify)', async () => {
    const user = await t.createUser();
    const time = async (email: string) => {
      const start = performance.now();
      await signIn(t, email, 'wrong-password-123');
      return performance.now() - start;
    };
    await time(user.email); // warm-up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      unknown.push(await time(`ghost${i}@hotel.example`));
      // stay under the lockout threshold: reset between rounds
      known.push(await time(user.email));
      if (i % 5 === 4) await signIn(t, user.email, user.password);
    }
    const ratio = fastest(known) / fastest(unknown);
    // Both run one argon2id verify (~tens of ms); without the dummy verify the ratio would be > 10.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('the 7th consecutive failure disables the account and e-mails its owner once', async () => {
    const user = await t.createUser({ language: 'fr', name: 'Jeanne Petit' });
    for (let i = 1; i <= 7; i++) {
      const res = await signIn(t, user.email, `wrong-password-${i}`);
      expect(res.statusCode).toBe(401);
    }
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'disabled_reason', 'failed_attempts'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'disabled',
      disabled_reason: 'too_many_failed_attempts',
      failed_attempts: 7,
    });

    const mail = await t.c.store.db
      .selectFrom('outbox')
      .select(['to_address', 'template', 'language', 'subject'])
      .execute();
    expect(mail).toEqual([
      {
        to_address: user.email,
        template: 'account_disabled',
        language: 'fr',
        subject: 'Portier : votre compte a été désactivé',
      },
    ]);
    const audit = await t.c.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'account.disabled')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('with the threshold lowered below an account’s count, its next failure disables it and e-mails the owner', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 6; i++) await signIn(t, user.email, `wrong-password-${i}`);
    // A node started on the same store with PORTIER_LOCKOUT_THRESHOLD=5: the account stands at 6.
    const lowered = await buildTestApp({ shareWith: t, config: { lockoutThreshold: 5 } });
    try {
      expect((await signIn(lowered, user.email, 'wrong-password-7')).statusCode).toBe(401);
      // Later failures neither e-mail nor audit a second time, not even the one that brings the count
      // to 7 on a node still at the old threshold (a rolling deploy).
      expect((await signIn(lowered, user.email, 'wrong-password-8')).statusCode).toBe(401);
      (t.clock as ManualClock).advance(1000);
      expect((await signIn(t, user.email, 'wrong-password-9')).statusCode).toBe(401);
      const count = await t.c.store.db
        .selectFrom('users')
        .select('failed_attempts')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(count.failed_attempts).toBe(7);
    } finally {
      await lowered.close();
    }
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'disabled_reason'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'disabled', disabled_reason: 'too_many_failed_attempts' });
    const mail = await t.c.store.db.selectFrom('outbox').select('template').execute();
    expect(mail).toEqual([{ template: 'account_disabled' }]);
    const disabled = await t.c.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'account.disabled')
      .execute();
    expect(disabled).toHaveLength(1);
  });

  it('six failures do not disable the account', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 6; i++) await signIn(t, user.email, 'wrong-password-123');
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
  });

  it('once disabled: the correct password shows account_disabled with three ways out, a wrong one the generic message', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 7; i++) await signIn(t, user.email, 'wrong-password-123');
    const correct = await signIn(t, user.email, user.password);
    expect(correct.statusCode).toBe(403);
    expect(correct.json().error).toMatchObject({
      code: 'account_disabled',
      details: {
        reason: 'too_many_failed_attempts',
        waysOut: ['reset_password', 'ask_user_manager', 'contact_support'],
      },
    });
    expect(correct.cookies).toHaveLength(0);
    const wrong = await signIn(t, user.email, 'wrong-password-123');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('50 parallel wrong passwords are all counted, and exactly one disables the account', async () => {
    const user = await t.createUser();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn(t, user.email, `parallel-wrong-${i}`)),
    );
    expect(results.every((r) => r.statusCode === 401)).toBe(true);
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['failed_attempts', 'status'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_attempts: 50, status: 'disabled' });
    expect(await t.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });

  it('an account disabled after its password was checked gets no session: 403 account_disabled, audited', async () => {
    const user = await t.createUser();
    // What a 7th wrong password landing between this sign-in's password check and its session does.
    await t.c.store.db
      .updateTable('users')
      .set({ status: 'disabled', disabled_reason: 'too_many_failed_attempts', failed_attempts: 7 })
      .execute();
    await expect(
      t.c.sessions.openAfterSignIn(user.id, { ip: '203.0.113.9', userAgent: 'test' }),
    ).rejects.toMatchObject({ code: 'account_disabled', status: 403 });
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'failed_attempts', 'last_login_at'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'disabled', failed_attempts: 7, last_login_at: null });
    const events = await t.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'like', 'sign_in.%')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['sign_in.refused']);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ reason: 'account_disabled' });
  });

  it('an expired password whose account was disabled meanwhile gets no change token: 403, count kept', async () => {
    const user = await t.createUser();
    await t.c.store.db
      .updateTable('users')
      .set({ status: 'disabled', disabled_reason: 'too_many_failed_attempts', failed_attempts: 7 })
      .execute();
    await expect(
      t.c.passwords.issueExpiredChangeToken(user.id, { ip: '203.0.113.9', userAgent: 'test' }),
    ).rejects.toMatchObject({ code: 'account_disabled' });
    expect(await t.c.store.db.selectFrom('user_tokens').select('id').execute()).toHaveLength(0);
    const row = await t.c.store.db.selectFrom('users').select(['failed_attempts']).executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(7);
  });

  it('the right password racing the 7th wrong one never opens a session on a disabled account', async () => {
    for (let round = 0; round < 6; round++) {
      const user = await t.createUser();
      for (let i = 0; i < 6; i++) await signIn(t, user.email, `wrong-password-${i}`);
      const [right] = await Promise.all([
        signIn(t, user.email, user.password),
        signIn(t, user.email, 'wrong-password-7'),
      ]);
      const row = await t.c.store.db
        .selectFrom('users')
        .select(['status', 'failed_attempts'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      const sessions = await t.c.store.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      if (right.statusCode === 200) {
        // The right one came first: the run was over, the wrong one starts a new one.
        expect(row).toEqual({ status: 'active', failed_attempts: 1 });
        expect(sessions).toHaveLength(1);
      } else {
        expect(right.statusCode).toBe(403);
        expect(right.json().error.code).toBe('account_disabled');
        expect(right.cookies).toHaveLength(0);
        expect(row).toEqual({ status: 'disabled', failed_attempts: 7 });
        expect(sessions).toHaveLength(0);
      }
    }
  });

  it('the password is taken exactly as typed (no trimming)', async () => {
    const user = await t.createUser({ password: '  spaces around me  ' });
    expect((await signIn(t, user.email, 'spaces around me')).statusCode).toBe(401);
    expect((await signIn(t, user.email, '  spaces around me  ')).statusCode).toBe(200);
  });

  it('a password over 1024 bytes is refused with 400 password_too_long', async () => {
    const user = await t.createUser();
    const res = await signIn(t, user.email, 'é'.repeat(513)); // 1026 bytes, 513 characters
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('password_too_long');
    const row = await t.c.store.db.selectFrom('users').select('failed_attempts').executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(0);
    // However long: the same answer, not a schema error.
    expect((await signIn(t, user.email, 'x'.repeat(5000))).json().error.code).toBe('password_too_long');
  });

  it('re-authentication and a password change refuse an oversized current password the same way', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const reauth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/reauth',
      headers: jsonHeaders({ cookie }),
      payload: { password: 'é'.repeat(513) },
    });
    expect(reauth.statusCode).toBe(400);
    expect(reauth.json().error.code).toBe('password_too_long');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: jsonHeaders({ cookie }),
      payload: { currentPassword: 'x'.repeat(2000), newPassword: 'Another-Quartz-Lantern-58' },
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.code).toBe('password_too_long');
  });

  it.each([
    ['a number as e-mail', { email: 42, password: 'x' }],
    ['a missing password', { email: 'a@b.example' }],
    ['an extra field', { email: 'a@b.example', password: 'x', admin: true }],
    ['an empty e-mail', { email: '', password: 'x' }],
    ['an array', [{ email: 'a@b.example', password: 'x' }]],
  ])('%s is a 400 invalid_request with a message in the request language', async (_label, payload) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders({ 'accept-language': 'fr' }),
      payload: payload as object,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toMatch(/^La requête est invalide/);
  });

  it('a NUL character in any field is a 400 on both stores, never a 500', async () => {
    const nul = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    };
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders({ 'accept-language': 'fr' }),
      payload: '{"email":"a\\u0000@hotel.example","password":"some-password-1"}',
    });
    nul(login);
    expect(login.json().error.message).toBe(
      'La requête contient un caractère nul (U+0000), qui n’est accepté dans aucun champ.',
    );
    nul(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        headers: jsonHeaders(),
        payload: '{"email":"a\\u0000@hotel.example"}',
      }),
    );
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    nul(await t.app.inject({ url: '/api/v1/properties/p%00q/users', headers: { cookie } }));
  });

  it('malformed JSON is a 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders(),
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('an oversized body is a 413 payload_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders(),
      payload: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(200_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('a foreign Origin is refused with 403 csrf_rejected, before any password check', async () => {
    const user = await t.createUser();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders({ origin: 'https://evil.example' }),
      payload: { email: user.email, password: 'wrong-password-123' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_rejected');
    const row = await t.c.store.db.selectFrom('users').select('failed_attempts').executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(0);
  });

  it('a percent-encoded API path meets the same CSRF check as the plain one', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    // `/%61pi/` is `/api/` once the router has decoded it: the logout route, from another page.
    const forged = await t.app.inject({ method: 'POST', url: '/%61pi/v1/auth/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_rejected');
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    // The same path from our own page does reach the route: the check, not the path, stopped it.
    const own = await t.app.inject({
      method: 'POST',
      url: '/%61pi/v1/auth/logout',
      headers: jsonHeaders({ cookie }),
      payload: {},
    });
    expect(own.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a page on a name rebound to this server (DNS rebinding) is refused, though its Origin matches its Host', async () => {
    const user = await t.createUser();
    const login = (host: string, origin: string | undefined, extra: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: {
          'content-type': 'application/json',
          host,
          ...(origin ? { origin } : {}),
          ...extra,
        },
        payload: { email: user.email, password: user.password },
      });
    for (const host of ['rebind.attacker.test:3000', '192.168.1.5:3000']) {
      const rebound = await login(host, `http://${host}`);
      expect(rebound.statusCode).toBe(403);
      expect(rebound.json().error.code).toBe('csrf_rejected');
      expect(rebound.cookies).toEqual([]);
      // Without Origin, Sec-Fetch-Site says same-origin for that page too: the Host gives it away.
      expect((await login(host, undefined, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(403);
    }
    // This service's public URL is local: its own page under another local name is ours.
    expect((await login('127.0.0.1:3000', 'http://127.0.0.1:3000')).statusCode).toBe(200);
    expect((await login('localhost:3000', undefined, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(
      200,
    );
  });

  it('a form post (not JSON) is refused with 403 csrf_rejected', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'email=a%40b.example&password=x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_rejected');
  });

  it('a request with neither Origin nor Sec-Fetch-Site is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'a@b.example', password: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('sign-out without a session is 401 and with a cross-site Sec-Fetch-Site is 403', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: jsonHeaders(),
      payload: {},
    });
    expect(anon.statusCode).toBe(401);
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      payload: {},
    });
    expect(cross.statusCode).toBe(403);
  });
});

describe.each(dialects)('per-IP limit on failed sign-ins (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect, config: { loginIpLimit: 3, loginIpWindow: '15m' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('after the limit, an IP gets 429 rate_limited with Retry-After — even for other accounts', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    for (const email of ['x1@hotel.example', a.email, 'x2@hotel.example']) {
      expect((await signIn(t, email, 'spray-password-1')).statusCode).toBe(401);
    }
    const limited = await signIn(t, b.email, b.password, { 'accept-language': 'fr' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(/Réessayez dans 15 min/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Spraying never locks anyone out: a's account is still active.
    const row = await t.c.store.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('parallel failures from one IP cannot outrun the limit: each is counted before its password check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(t, `spray${i}@hotel.example`, 'spray-password-1')),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('successful sign-ins do not use up the limit', async () => {
    const a = await t.createUser();
    for (let i = 0; i < 5; i++) expect((await signIn(t, a.email, a.password)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signIn(t, a.email, 'wrong-password-1')).statusCode).toBe(401);
    expect((await signIn(t, a.email, a.password)).statusCode).toBe(429);
  });

  it('IPv6 addresses are limited by their /64 network, not one by one', async () => {
    const a = await t.createUser();
    const from = (remoteAddress: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: jsonHeaders(),
        remoteAddress,
        payload: { email: a.email, password },
      });
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:a:b:c:d', '2001:0DB8:0001:0002:0:0:0:2']) {
      expect((await from(address, 'spray-password-1')).statusCode).toBe(401);
    }
    expect((await from('2001:db8:1:2:ffff::9', a.password)).statusCode).toBe(429);
    expect((await from('2001:db8:1:3::1', a.password)).statusCode).toBe(200);
  });

  it('behind one trusted proxy, a forged X-Forwarded-For does not give a fresh limit', async () => {
    await t.close();
    t = await buildTestApp({ dialect, config: { loginIpLimit: 3, loginIpWindow: '15m', trustProxy: 1 } });
    const a = await t.createUser();
    // The proxy (10.0.0.1) appends the address it saw; what the client wrote comes before it.
    const viaProxy = (forged: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: jsonHeaders({ 'x-forwarded-for': `${forged}, 198.51.100.9` }),
        remoteAddress: '10.0.0.1',
        payload: { email: a.email, password },
      });
    for (let i = 0; i < 3; i++)
      expect((await viaProxy(`203.0.113.${i}`, 'spray-password-1')).statusCode).toBe(401);
    expect((await viaProxy('203.0.113.99', a.password)).statusCode).toBe(429);
    const otherClient = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders({ 'x-forwarded-for': '198.51.100.10' }),
      remoteAddress: '10.0.0.1',
      payload: { email: a.email, password: a.password },
    });
    expect(otherClient.statusCode).toBe(200);
  });

  it('another IP is not affected', async () => {
    const a = await t.createUser();
    for (let i = 0; i < 3; i++) await signIn(t, 'x@hotel.example', 'spray-password-1');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: jsonHeaders(),
      remoteAddress: '10.1.2.3',
      payload: { email: a.email, password: a.password },
    });
    expect(other.statusCode).toBe(200);
  });
});

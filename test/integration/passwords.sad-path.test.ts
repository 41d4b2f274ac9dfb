import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExpirySchedulerOnce } from '../../src/passwords/expiry.scheduler.js';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';
import { resetTokenFor } from '../helpers/mail.js';

const post = (t: TestApp, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: jsonHeaders(headers), payload: payload as object });
const confirm = (t: TestApp, token: string, password: string, lang = 'en') =>
  post(t, '/api/v1/auth/password-reset/confirm', { token, password }, { 'accept-language': lang });

describe.each(dialects)('forgot password, sad path (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
    clock = t.clock as ManualClock;
  });
  afterEach(async () => {
    await t.close();
  });

  async function newLink(email: string) {
    await post(t, '/api/v1/auth/password-reset', { email });
    return resetTokenFor(t, email);
  }

  it('a sign-in whose password was checked before a reset opens no session after it: 401, audited', async () => {
    const user = await t.createUser();
    const { password_hash: oldHash } = await t.c.store.db
      .selectFrom('users')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    expect((await confirm(t, await newLink(user.email), 'Quartz-Meadow-Lantern-58')).statusCode).toBe(204);
    // What a sign-in with the stolen password, checked a moment before the reset, does next.
    await expect(
      t.c.sessions.openAfterSignIn(user.id, { ip: '198.51.100.7', userAgent: 'x' }, {}, oldHash ?? ''),
    ).rejects.toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
    const refused = await t.c.store.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'sign_in.refused')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(refused.details ?? '{}')).toMatchObject({ reason: 'password_changed' });
  });

  it('an account-page change whose current password was checked before a reset does not overwrite it: 401, sign in again', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const link = await newLink(user.email);
    // The reset lands while the account page's new password is being hashed.
    const hash = t.c.hasher.hash;
    t.c.hasher.hash = async (...args) => {
      t.c.hasher.hash = hash;
      expect((await confirm(t, link, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(204);
      return hash.apply(t.c.hasher, args);
    };
    const change = await post(
      t,
      '/api/v1/account/password',
      { currentPassword: user.password, newPassword: 'Harbour-Violet-Compass-31' },
      { cookie },
    );
    t.c.hasher.hash = hash;
    // The reset ended this session: sign in again, told why.
    expect(change.statusCode).toBe(401);
    expect(change.json().error).toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'password_changed' },
      message: expect.stringContaining('Your password was changed meanwhile'),
    });
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(200);
    const refused = await t.c.store.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'password.change_refused')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(refused.details ?? '{}')).toEqual({ reason: 'changed_meanwhile' });
  });

  it('two changes from one session at once (two tabs): one is made, the other says so, the session stays', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const change = (next: string) =>
      post(t, '/api/v1/account/password', { currentPassword: user.password, newPassword: next }, { cookie });
    const answers = await Promise.all([
      change('Harbour-Violet-Compass-31'),
      change('Quartz-Meadow-Lantern-58'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    expect(refused?.json().error.code).toBe('password_changed_meanwhile');
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    // The API's description names that answer.
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/account/password'].post.responses['409'].description).toContain(
      '`password_changed_meanwhile`',
    );
  });

  it('sign-ins with the old password still under way when the owner resets leave no session behind', async () => {
    const user = await t.createUser();
    const link = await newLink(user.email);
    const attempts = Array.from({ length: 6 }, () => signIn(t, user.email, user.password));
    const reset = confirm(t, link, 'Quartz-Meadow-Lantern-58');
    const answers = await Promise.all([...attempts, reset]);
    expect(answers.at(-1)?.statusCode).toBe(204);
    // Whatever got in before the reset was signed out by it; whatever finished after it was refused.
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
  });

  it('two links issued at the same moment (a double click, two nodes) leave one live link', async () => {
    const context = { ip: '203.0.113.5', userAgent: 'x' };
    for (let round = 0; round < 6; round++) {
      const user = await t.createUser();
      const by = { actorId: 'manager', propertyId: 'property', context };
      await Promise.all([
        t.c.passwords.sendResetLinkFor(user.id, by),
        t.c.passwords.sendResetLinkFor(user.id, by),
      ]);
      const live = await t.c.store.db
        .selectFrom('user_tokens')
        .select('id')
        .where('user_id', '=', user.id)
        .where('purpose', '=', 'password_reset')
        .execute();
      expect(live).toHaveLength(1);
    }
  });

  it('ended limit windows leave the store (their keys hold addresses); live ones stay', async () => {
    await t.c.store.db
      .insertInto('rate_limits')
      .values([
        { key: 'reset_addr:gone@hotel.example', points: 5, expire: Date.now() - 2 * 3_600_000 },
        { key: 'reset_addr:live@hotel.example', points: 1, expire: Date.now() + 600_000 },
      ])
      .execute();
    await runExpirySchedulerOnce(t.c, 'node-a');
    const keys = (await t.c.store.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    expect(keys).toEqual(['reset_addr:live@hotel.example']);
  });

  it('a used link, an expired link, a superseded link and an unknown link all get the same invalid_token', async () => {
    const user = await t.createUser();
    const used = await newLink(user.email);
    expect((await confirm(t, used, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(204);
    const reused = await confirm(t, used, 'Another-Quartz-Meadow-77');

    const superseded = await newLink(user.email);
    await newLink(user.email);
    const older = await confirm(t, superseded, 'Another-Quartz-Meadow-77');

    const expiring = await newLink(user.email);
    clock.advance(3_600_000);
    const expired = await confirm(t, expiring, 'Another-Quartz-Meadow-77');

    const unknown = await confirm(t, 'A'.repeat(43), 'Another-Quartz-Meadow-77');
    for (const res of [reused, older, expired, unknown]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toBe(unknown.body);
    }
    expect(unknown.json().error.code).toBe('invalid_token');
  });

  it('two confirmations racing with one link: exactly one succeeds', async () => {
    const user = await t.createUser();
    const token = await newLink(user.email);
    const results = await Promise.all([
      confirm(t, token, 'Quartz-Meadow-Lantern-58'),
      confirm(t, token, 'Velvet-Glacier-Mosaic-44'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 400]);
  });

  it('a weak password keeps the link usable and says why, in French', async () => {
    const user = await t.createUser({ name: 'Bernard Lefebvre', email: 'bernard.lefebvre@hotel.example' });
    const token = await newLink(user.email);
    const short = await confirm(t, token, 'court', 'fr');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('weak_password');
    expect(short.json().error.details.problems).toContain('too_short');
    expect(short.json().error.message).toMatch(
      /^Choisissez un autre mot de passe\u00a0: il faut au moins 12 caractères/,
    );
    const common = await confirm(t, token, 'password1234');
    expect(common.json().error.details.problems).toEqual(['common']);
    const personal = await confirm(t, token, 'BernardLefebvre');
    expect(personal.json().error.details.problems).toEqual(['too_guessable']);
    expect((await confirm(t, token, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(204);
  });

  it('the new password must differ from the last 4', async () => {
    const passwords = [
      'Quartz-Meadow-Lantern-58',
      'Velvet-Glacier-Mosaic-44',
      'Harbour-Violet-Compass-31',
      'Silver-Orchard-Falcon-90',
    ];
    const user = await t.createUser({ password: 'Amber-Canyon-Whistle-12' });
    for (const password of passwords) {
      expect((await confirm(t, await newLink(user.email), password)).statusCode).toBe(204);
    }
    // The current password and the three before it are refused...
    for (const password of passwords) {
      const res = await confirm(t, await newLink(user.email), password);
      expect(res.json().error).toMatchObject({ code: 'password_reused', details: { count: 4 } });
    }
    // ...the fifth most recent is allowed again.
    expect((await confirm(t, await newLink(user.email), 'Amber-Canyon-Whistle-12')).statusCode).toBe(204);
  });

  it('a reset never re-enables an account that a person disabled', async () => {
    const user = await t.createUser();
    await t.c.store.db
      .updateTable('users')
      .set({ status: 'disabled', disabled_reason: 'disabled_by_manager' })
      .execute();
    const token = await newLink(user.email);
    expect((await confirm(t, token, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(204);
    const res = await signIn(t, user.email, 'Quartz-Meadow-Lantern-58');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.waysOut).toEqual(['ask_user_manager', 'contact_support']);
  });

  it('reset e-mails are limited per address (5 an hour); beyond, the answer is still 202 and nothing is sent', async () => {
    const user = await t.createUser({ email: 'target@hotel.example' });
    for (let i = 0; i < 5; i++) {
      expect((await post(t, '/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    }
    const sent = async () => {
      await t.c.jobs.drain();
      return (
        await t.c.store.db.selectFrom('outbox').select('id').where('to_address', '=', user.email).execute()
      ).length;
    };
    expect(await sent()).toBe(5);
    const beyond = await post(t, '/api/v1/auth/password-reset', { email: 'TARGET@hotel.example' });
    expect(beyond.statusCode).toBe(202);
    expect(beyond.headers['retry-after']).toBeUndefined();
    expect(await sent()).toBe(5);
    expect((await post(t, '/api/v1/auth/password-reset', { email: 'other@hotel.example' })).statusCode).toBe(
      202,
    );
  });

  it('an IP over its own limit cannot use up the limits of the addresses it names', async () => {
    await t.close();
    t = await buildTestApp({ dialect, config: { resetLimitPerIp: 2 } });
    const fromAttacker = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        headers: jsonHeaders(),
        remoteAddress: '203.0.113.50',
        payload: { email },
      });
    const victim = await t.createUser({ email: 'victim@hotel.example' });
    expect((await fromAttacker('a@hotel.example')).statusCode).toBe(202);
    expect((await fromAttacker('b@hotel.example')).statusCode).toBe(202);
    for (let i = 0; i < 10; i++) expect((await fromAttacker('victim@hotel.example')).statusCode).toBe(429);
    // The victim, from elsewhere, still gets their 5 requests an hour.
    for (let i = 0; i < 5; i++) {
      const own = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        headers: jsonHeaders(),
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { email: 'victim@hotel.example' },
      });
      expect(own.statusCode).toBe(202);
    }
    await t.c.jobs.drain();
    const links = await t.c.store.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', victim.email)
      .execute();
    expect(links).toHaveLength(5);
  });

  it('a very long e-mail address is answered like any other (its limit key is kept hashed)', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(180)}.example`;
    expect((await post(t, '/api/v1/auth/password-reset', { email })).statusCode).toBe(202);
  });

  it.each([
    ['/api/v1/auth/password-reset', { email: 42 }],
    ['/api/v1/auth/password-reset', { email: 'a@b.example', extra: 1 }],
    ['/api/v1/auth/password-reset/confirm', { token: 'short', password: 'Quartz-Meadow-Lantern-58' }],
    ['/api/v1/auth/password-reset/confirm', { token: `${'A'.repeat(42)}!`, password: 'x' }],
    ['/api/v1/auth/password-reset/confirm', { token: 'A'.repeat(43), password: 'x'.repeat(2000) }],
    ['/api/v1/auth/password-expired/change', { changeToken: null, password: 'x' }],
    ['/api/v1/passwords/strength', { password: ['x'] }],
  ])('%s with %j is a 400 with a code', async (url, payload) => {
    const res = await post(t, url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('an expired-password change token is single use and short-lived', async () => {
    const user = await t.createUser();
    clock.advance(91 * 86_400_000);
    const { changeToken } = (await signIn(t, user.email, user.password)).json();
    clock.advance(15 * 60_000);
    const late = await post(t, '/api/v1/auth/password-expired/change', {
      changeToken,
      password: 'Quartz-Meadow-Lantern-58',
    });
    expect(late.json().error.code).toBe('invalid_token');
    const fresh = (await signIn(t, user.email, user.password)).json().changeToken;
    const reused = await post(t, '/api/v1/auth/password-expired/change', {
      changeToken: fresh,
      password: user.password,
    });
    expect(reused.json().error.code).toBe('password_reused');
    expect(
      (
        await post(t, '/api/v1/auth/password-expired/change', {
          changeToken: fresh,
          password: 'Quartz-Meadow-Lantern-58',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(t, '/api/v1/auth/password-expired/change', {
          changeToken: fresh,
          password: 'Velvet-Glacier-Mosaic-44',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('the account page refuses a wrong current password, and other users’ sessions are not found', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    const cookieA = sessionCookieFrom(await signIn(t, a.email, a.password));
    const cookieB = sessionCookieFrom(await signIn(t, b.email, b.password));
    const wrong = await post(
      t,
      '/api/v1/account/password',
      { currentPassword: 'nope-nope-nope', newPassword: 'Quartz-Meadow-Lantern-58' },
      { cookie: cookieA },
    );
    expect(wrong.json().error.code).toBe('invalid_current_password');
    const sessionB = (
      await t.app.inject({ url: '/api/v1/account/sessions', headers: { cookie: cookieB } })
    ).json().sessions[0];
    const cross = await post(t, `/api/v1/account/sessions/${sessionB.id}/end`, {}, { cookie: cookieA });
    expect(cross.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: cookieB } })).statusCode).toBe(
      200,
    );
    const badId = await post(t, '/api/v1/account/sessions/not-a-uuid/end', {}, { cookie: cookieA });
    expect(badId.statusCode).toBe(400);
    expect(
      (await post(t, '/api/v1/account/password', { currentPassword: 'x', newPassword: 'y' })).statusCode,
    ).toBe(401);
  });

  it('an accented password is the same password however it is spelt (NFC or NFD)', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const accented = 'Fenêtre-Éléphant-Crépuscule-42';
    const decomposed = accented.normalize('NFD');
    const set = await post(
      t,
      '/api/v1/account/password',
      { currentPassword: user.password, newPassword: decomposed },
      { cookie },
    );
    expect(set.statusCode).toBe(204);
    // Typed on another device, in the usual (composed) spelling: it signs in.
    expect((await signIn(t, user.email, accented)).json()).toEqual({ status: 'ok' });
    // And it is not a new password in its other spelling.
    const again = await post(
      t,
      '/api/v1/account/password',
      { currentPassword: accented, newPassword: accented },
      { cookie },
    );
    expect(again.json().error.code).toBe('password_reused');
  });

  it('an open session does not give unlimited guesses at the current password (10 per 15 minutes, then 429)', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const change = (currentPassword: string) =>
      post(
        t,
        '/api/v1/account/password',
        { currentPassword, newPassword: 'Quartz-Meadow-Lantern-58' },
        { cookie },
      );
    const reauth = (password: string) => post(t, '/api/v1/account/reauth', { password }, { cookie });
    // A right password gives its try back.
    expect((await reauth(user.password)).statusCode).toBe(204);
    for (let i = 0; i < 5; i++) expect((await change(`guess-number-${i}`)).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) expect((await reauth(`guess-number-${i}`)).statusCode).toBe(400);
    const limited = await change(user.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await reauth(user.password)).statusCode).toBe(429);
    // The password was not changed, and the owner still signs in (no lockout by a session holder).
    expect((await signIn(t, user.email, user.password)).json()).toEqual({ status: 'ok' });
    // Counted per person: someone else's session is not affected.
    const other = await t.createUser();
    const otherCookie = sessionCookieFrom(await signIn(t, other.email, other.password));
    expect(
      (await post(t, '/api/v1/account/reauth', { password: other.password }, { cookie: otherCookie }))
        .statusCode,
    ).toBe(204);
  });

  it('the local mailbox answers only requests made on this machine (it shows everyone’s reset links)', async () => {
    await t.close();
    t = await buildTestApp({ dialect, config: { devMailbox: true } });
    const mailbox = (options: { remoteAddress?: string; headers?: Record<string, string> }) =>
      t.app.inject({ url: '/api/v1/dev/mailbox', ...options });
    const user = await t.createUser({ email: 'mailbox-owner@hotel.example' });
    await post(t, '/api/v1/auth/password-reset', { email: user.email });
    await t.c.jobs.drain();
    const local = await mailbox({ remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(JSON.stringify(local.json())).toContain('token=');
    expect((await mailbox({ remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await mailbox({ remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
    for (const remoteAddress of ['192.168.1.20', '10.0.0.7', '::ffff:192.168.1.20', '2001:db8::1']) {
      const far = await mailbox({ remoteAddress, headers: { 'accept-language': 'fr' } });
      expect(far.statusCode).toBe(404);
      expect(far.json().error.code).toBe('not_found');
      expect(far.body).not.toContain('token=');
    }
    // Through a proxy on this machine: a loopback peer, but the request came from elsewhere.
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await mailbox({ remoteAddress: '127.0.0.1', headers: { [header]: '203.0.113.9' } });
      expect(proxied.statusCode).toBe(404);
    }
    // A page on another name that resolves to this machine (DNS rebinding) is a loopback peer too.
    const rebound = await mailbox({
      remoteAddress: '127.0.0.1',
      headers: { host: 'rebind.attacker.test:3000' },
    });
    expect(rebound.statusCode).toBe(404);
    expect(rebound.body).not.toContain('token=');
    expect((await mailbox({ remoteAddress: '127.0.0.1', headers: { host: '[::1]:3000' } })).statusCode).toBe(
      200,
    );
  });

  it('the local mailbox API is absent when turned off (always with SMTP or PostgreSQL by default)', async () => {
    const off = await buildTestApp({ dialect, config: { devMailbox: false } });
    try {
      expect((await off.app.inject({ url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
    const smtp = await buildTestApp({ dialect, config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      expect((await smtp.app.inject({ url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
    } finally {
      await smtp.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../src/notifications/transports.js';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';
import { lastMailTo, resetTokenFor } from '../helpers/mail.js';
import { createHotel, hotelRequiringTwoFactor, secondFactorRows } from '../helpers/property.js';
import { decodeQuotedPrintable, startSmtpReceiver } from '../helpers/smtp.js';
import { codeAt } from '../helpers/totp.js';
import { SoftPasskey } from '../helpers/webauthn.js';

describe.each(dialects)('e-mailed sign-in codes over SMTP (%s)', (dialect) => {
  it('the code arrives through a real mail server and completes the sign-in once', async () => {
    const smtp = await startSmtpReceiver();
    const t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    try {
      const clock = t.clock as ManualClock;
      const user = await t.createUser({ language: 'en' });
      const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
      const headers = (extra: Record<string, string> = {}) => jsonHeaders(extra);
      const post = (url: string, payload: object, extra: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, headers: headers(extra), payload });
      await post('/api/v1/account/reauth', { password: user.password }, { cookie });
      const start = (await post('/api/v1/account/mfa/totp', {}, { cookie })).json();
      await post(
        '/api/v1/account/mfa/totp/confirm',
        { enrolmentId: start.enrolmentId, code: codeAt(start.secret, clock.now()) },
        { cookie },
      );
      const challenge = (await signIn(t, user.email, user.password)).json().challenge;
      expect((await post('/api/v1/auth/mfa/email-code', { challenge })).statusCode).toBe(202);
      await t.c.outbox.drain();
      const raw = decodeQuotedPrintable(smtp.received.at(-1)?.raw ?? '');
      const code = /Your verification code is (\d{6})/.exec(raw)?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      // Delivered: the outbox keeps nothing of a one-time code.
      const kept = await t.c.store.db
        .selectFrom('outbox')
        .select(['subject', 'text_body', 'html_body'])
        .where('template', '=', 'mfa_email_code')
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(kept)).not.toContain(code);
      expect((await post('/api/v1/auth/mfa/verify', { challenge, method: 'email', code })).statusCode).toBe(
        200,
      );
      // Single use: the same code cannot open a second sign-in.
      const again = (await signIn(t, user.email, user.password)).json().challenge;
      expect(
        (await post('/api/v1/auth/mfa/verify', { challenge: again, method: 'email', code })).json().error
          .code,
      ).toBe('method_unavailable');
      // Valid 10 minutes: the challenge waits for the e-mail that long, and no longer.
      await post('/api/v1/auth/mfa/email-code', { challenge: again });
      await t.c.outbox.drain();
      const second =
        /Your verification code is (\d{6})/.exec(
          decodeQuotedPrintable(smtp.received.at(-1)?.raw ?? ''),
        )?.[1] ?? '';
      clock.advance(9 * 60_000);
      expect(
        (await post('/api/v1/auth/mfa/verify', { challenge: again, method: 'email', code: second }))
          .statusCode,
      ).toBe(200);
      const late = (await signIn(t, user.email, user.password)).json().challenge;
      await post('/api/v1/auth/mfa/email-code', { challenge: late });
      clock.advance(10 * 60_000);
      expect(
        (await post('/api/v1/auth/mfa/verify', { challenge: late, method: 'email', code: '123456' })).json()
          .error.code,
      ).toBe('invalid_challenge');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe.each(dialects)('two-factor authentication (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
    clock = t.clock as ManualClock;
  });
  afterEach(async () => {
    await t.close();
  });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: jsonHeaders(headers), payload });

  /** A user with an authenticator app; returns its secret and recovery codes. */
  async function withTotp() {
    const user = await t.createUser({ language: 'fr' });
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    expect((await post('/api/v1/account/mfa/totp', {}, { cookie })).json().error.code).toBe(
      'reauthentication_required',
    );
    expect((await post('/api/v1/account/reauth', { password: user.password }, { cookie })).statusCode).toBe(
      204,
    );
    const start = (await post('/api/v1/account/mfa/totp', {}, { cookie })).json();
    expect(start.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(start.otpauthUri).toContain('otpauth://totp/');
    const confirm = await post(
      '/api/v1/account/mfa/totp/confirm',
      { enrolmentId: start.enrolmentId, code: codeAt(start.secret, clock.now()), name: 'Mon téléphone' },
      { cookie },
    );
    expect(confirm.statusCode).toBe(201);
    const recoveryCodes: string[] = confirm.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    return { user, cookie, secret: start.secret as string, recoveryCodes };
  }

  /** The password reached its 90 days. */
  const expirePassword = (userId: string) =>
    t.c.store.db
      .updateTable('users')
      .set({ password_changed_at: clock.now() - 90 * 86_400_000 })
      .where('id', '=', userId)
      .execute();

  it('an expired password is replaced only once the second factor is given', async () => {
    const { user, cookie, secret } = await withTotp();
    // The password reached its 90 days; the person's session on another computer is still open.
    await expirePassword(user.id);
    const expired = (await signIn(t, user.email, user.password)).json();
    expect(expired.status).toBe('password_expired');
    const change = await post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    expect(change.statusCode).toBe(200);
    expect(change.json()).toMatchObject({ status: 'mfa_required' });
    expect(change.cookies).toHaveLength(0);
    // Nothing changed yet: whoever knows only the old password has ended no session and set nothing.
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    expect((await signIn(t, user.email, user.password)).json().status).toBe('password_expired');
    expect(
      await t.c.store.db
        .selectFrom('outbox')
        .select('id')
        .where('template', '=', 'password_changed')
        .execute(),
    ).toEqual([]);
    // The second factor given, the new password is set, the other sessions end, and a session opens.
    clock.advance(30_000); // the next code (the enrolment used this one)
    const verify = await post('/api/v1/auth/mfa/verify', {
      challenge: change.json().challenge,
      method: 'totp',
      code: codeAt(secret, clock.now()),
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.cookies.some((c) => c.name.endsWith('portier_session'))).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).json().status).toBe('mfa_required');
    expect((await lastMailTo(t, user.email))?.template).toBe('password_changed');
  });

  it('after enrolling an app, a correct password asks for the code and gives no session until then', async () => {
    const { user, secret } = await withTotp();
    clock.advance(60_000);
    const res = await signIn(t, user.email, user.password);
    expect(res.json()).toMatchObject({ status: 'mfa_required', methods: ['totp', 'email', 'recovery'] });
    expect(res.cookies).toHaveLength(0);
    const verify = await post('/api/v1/auth/mfa/verify', {
      challenge: res.json().challenge,
      method: 'totp',
      code: codeAt(secret, clock.now()),
    });
    expect(verify.statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/session', headers: { cookie: sessionCookieFrom(verify) } }))
        .statusCode,
    ).toBe(200);
  });

  it('a code already used is refused (replay), and codes one step off are accepted', async () => {
    const { user, secret } = await withTotp();
    clock.advance(90_000);
    const first = (await signIn(t, user.email, user.password)).json().challenge;
    const previousStep = codeAt(secret, clock.now() - 30_000);
    expect(
      (await post('/api/v1/auth/mfa/verify', { challenge: first, method: 'totp', code: previousStep }))
        .statusCode,
    ).toBe(200);
    const second = (await signIn(t, user.email, user.password)).json().challenge;
    const replay = await post('/api/v1/auth/mfa/verify', {
      challenge: second,
      method: 'totp',
      code: previousStep,
    });
    expect(replay.json().error.code).toBe('invalid_code');
    const tooOld = await post('/api/v1/auth/mfa/verify', {
      challenge: second,
      method: 'totp',
      code: codeAt(secret, clock.now() - 90_000),
    });
    expect(tooOld.json().error.code).toBe('invalid_code');
    expect(
      (
        await post('/api/v1/auth/mfa/verify', {
          challenge: second,
          method: 'totp',
          code: codeAt(secret, clock.now() + 30_000),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('5 wrong codes void the challenge and tell the user, but never disable the account', async () => {
    const { user } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    for (let i = 1; i <= 4; i++) {
      const res = await post(
        '/api/v1/auth/mfa/verify',
        { challenge, method: 'totp', code: '000000' },
        { 'accept-language': 'fr' },
      );
      expect(res.json().error).toMatchObject({ code: 'invalid_code', details: { attemptsLeft: 5 - i } });
    }
    const fifth = await post('/api/v1/auth/mfa/verify', { challenge, method: 'totp', code: '000000' });
    expect(fifth.json().error.code).toBe('challenge_locked');
    expect(
      (await post('/api/v1/auth/mfa/verify', { challenge, method: 'totp', code: '000000' })).json().error
        .code,
    ).toBe('invalid_challenge');
    expect((await lastMailTo(t, user.email))?.template).toBe('mfa_notice');
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'failed_attempts'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', failed_attempts: 0 });
    expect((await signIn(t, user.email, user.password)).json().status).toBe('mfa_required');
  });

  it('parallel guesses on one challenge get 5 tries in all, not one each', async () => {
    const { user, secret } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    // Twenty wrong codes: none of them one the app would accept now (one step either side).
    const valid = [-30_000, 0, 30_000].map((dt) => codeAt(secret, clock.now() + dt));
    const wrong = Array.from({ length: 40 }, (_, i) => String(100000 + i))
      .filter((code) => !valid.includes(code))
      .slice(0, 20);
    const guesses = await Promise.all(
      wrong.map((code) => post('/api/v1/auth/mfa/verify', { challenge, method: 'totp', code })),
    );
    const codes = guesses.map((g) => g.json().error?.code as string);
    // Each guess is a wrong code (none of these is the current one) or finds no try left, on the
    // challenge or for the person.
    expect(codes.filter((c) => c === 'invalid_code' || c === 'challenge_locked')).toHaveLength(5);
    expect(codes.filter((c) => c === 'invalid_challenge' || c === 'rate_limited')).toHaveLength(15);
    const audited = await t.c.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'mfa.failed')
      .execute();
    expect(audited).toHaveLength(5);
  });

  it('new challenges do not bring new tries: 10 wrong codes per person, then 429 even for the right one', async () => {
    const { user, secret } = await withTotp();
    const valid = [-30_000, 0, 30_000].map((dt) => codeAt(secret, clock.now() + dt));
    const wrong = ['111111', '222222', '333333', '444444', '555555', '666666'].filter(
      (c) => !valid.includes(c),
    );
    for (let round = 0; round < 2; round++) {
      const challenge = (await signIn(t, user.email, user.password)).json().challenge;
      for (let i = 0; i < 5; i++) {
        const res = await post('/api/v1/auth/mfa/verify', { challenge, method: 'totp', code: wrong[i] });
        expect(res.json().error.code).toBe(i < 4 ? 'invalid_code' : 'challenge_locked');
      }
    }
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const right = await post('/api/v1/auth/mfa/verify', {
      challenge,
      method: 'totp',
      code: codeAt(secret, clock.now()),
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a right code gives its try back: a person who gets it right is never held up', async () => {
    const { user, secret } = await withTotp();
    for (let i = 0; i < 12; i++) {
      clock.advance(31_000); // a fresh code each time (a used code is refused as a replay)
      const challenge = (await signIn(t, user.email, user.password)).json().challenge;
      const res = await post('/api/v1/auth/mfa/verify', {
        challenge,
        method: 'totp',
        code: codeAt(secret, clock.now()),
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('a challenge expires after 5 minutes and cannot finish another sign-in', async () => {
    const { user, secret } = await withTotp();
    const other = await withTotp();
    const mine = (await signIn(t, user.email, user.password)).json().challenge;
    // Another person's valid code does not complete my challenge.
    clock.advance(30_000);
    expect(
      (
        await post('/api/v1/auth/mfa/verify', {
          challenge: mine,
          method: 'totp',
          code: codeAt(other.secret, clock.now()),
        })
      ).json().error.code,
    ).toBe('invalid_code');
    clock.advance(5 * 60_000);
    expect(
      (
        await post('/api/v1/auth/mfa/verify', {
          challenge: mine,
          method: 'totp',
          code: codeAt(secret, clock.now()),
        })
      ).json().error.code,
    ).toBe('invalid_challenge');
  });

  it('recovery codes work once each', async () => {
    const { user, recoveryCodes } = await withTotp();
    const code = recoveryCodes[0] ?? '';
    const c1 = (await signIn(t, user.email, user.password)).json().challenge;
    const ok = await post('/api/v1/auth/mfa/verify', {
      challenge: c1,
      method: 'recovery',
      code: code.toLowerCase(),
    });
    expect(ok.json()).toEqual({ status: 'ok', recoveryCodesLeft: 9 });
    const c2 = (await signIn(t, user.email, user.password)).json().challenge;
    expect(
      (await post('/api/v1/auth/mfa/verify', { challenge: c2, method: 'recovery', code })).json().error.code,
    ).toBe('invalid_code');
  });

  it('an e-mailed code (6 digits, 10 minutes, single use) completes the sign-in', async () => {
    const { user } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    expect((await post('/api/v1/auth/mfa/email-code', { challenge })).statusCode).toBe(202);
    const mail = await lastMailTo(t, user.email);
    const code = /(\d{6})/.exec(mail?.subject ?? '')?.[1] ?? '';
    expect(mail?.subject).toContain('code de vérification');
    expect((await post('/api/v1/auth/mfa/verify', { challenge, method: 'email', code })).statusCode).toBe(
      200,
    );
  });

  it('“trust this device” skips the second step for 30 days, then asks again', async () => {
    const { user, secret } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const verify = await post('/api/v1/auth/mfa/verify', {
      challenge,
      method: 'totp',
      code: codeAt(secret, clock.now()),
      trustDevice: true,
    });
    const trusted = verify.cookies.find((c) => c.name === 'portier_trusted_device');
    expect(trusted).toMatchObject({ httpOnly: true });
    const cookie = `portier_trusted_device=${trusted?.value}`;
    expect((await signIn(t, user.email, user.password, { cookie })).json()).toEqual({ status: 'ok' });
    clock.advance(30 * 86_400_000);
    expect((await signIn(t, user.email, user.password, { cookie })).json().status).toBe('mfa_required');
  });

  it('a password reset never removes or skips 2FA', async () => {
    const { user } = await withTotp();
    await post('/api/v1/auth/password-reset', { email: user.email });
    const token =
      /reset-password#token=([A-Za-z0-9_-]+)/.exec((await lastMailTo(t, user.email))?.text_body ?? '')?.[1] ??
      '';
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, password: 'Quartz-Meadow-Lantern-58' }))
        .statusCode,
    ).toBe(204);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58')).json().status).toBe('mfa_required');
  });

  it('a user manager resets a colleague’s lost 2FA: audited, sessions ended, user told', async () => {
    const { property, members } = await createHotel(t, {
      Manon: { role: 'user_manager' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Manon) throw new Error('setup');
    await post('/api/v1/account/reauth', { password: hugo.password }, { cookie: hugo.cookie });
    const start = (await post('/api/v1/account/mfa/totp', {}, { cookie: hugo.cookie })).json();
    await post(
      '/api/v1/account/mfa/totp/confirm',
      { enrolmentId: start.enrolmentId, code: codeAt(start.secret, clock.now()) },
      { cookie: hugo.cookie },
    );
    const list = (
      await t.app.inject({
        url: `/api/v1/properties/${property.id}/users`,
        headers: { cookie: members.Manon.cookie },
      })
    ).json();
    expect(list.users.find((u: { name: string }) => u.name === 'Hugo').twoFactorEnabled).toBe(true);
    const one = await t.app.inject({
      url: `/api/v1/properties/${property.id}/users/${hugo.id}`,
      headers: { cookie: members.Manon.cookie },
    });
    expect(one.json().twoFactorEnabled).toBe(true);
    const reset = await post(
      `/api/v1/properties/${property.id}/users/${hugo.id}/reset-2fa`,
      {},
      { cookie: members.Manon.cookie },
    );
    expect(reset.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/session', headers: { cookie: hugo.cookie } })).statusCode,
    ).toBe(401);
    expect((await signIn(t, hugo.email, hugo.password)).json()).toEqual({ status: 'ok' });
    expect((await lastMailTo(t, hugo.email))?.template).toBe('mfa_notice');
    const audit = await t.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'property_id'])
      .where('action', '=', 'mfa.reset')
      .execute();
    expect(audit).toEqual([{ action: 'mfa.reset', property_id: property.id }]);
  });

  it('when the property requires 2FA, a member without a factor enrols at sign-in before getting a session', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Manon: { role: 'user_manager' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Admin || !members.Manon) throw new Error('setup');
    for (const cookie of [hugo.cookie, members.Manon.cookie]) {
      const refused = await post(
        `/api/v1/properties/${property.id}/two-factor-policy`,
        { required: true },
        { cookie },
      );
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
    expect(
      (
        await post(
          `/api/v1/properties/${property.id}/two-factor-policy`,
          { required: true },
          { cookie: members.Admin.cookie },
        )
      ).statusCode,
    ).toBe(204);
    const res = await signIn(t, hugo.email, hugo.password);
    expect(res.json().status).toBe('mfa_enrolment_required');
    expect(res.cookies).toHaveLength(0);
    const challenge = res.json().challenge;
    const start = (await post('/api/v1/auth/mfa/enrol/totp', { challenge })).json();
    const done = await post('/api/v1/auth/mfa/enrol/totp/confirm', {
      challenge,
      enrolmentId: start.enrolmentId,
      code: codeAt(start.secret, clock.now()),
    });
    expect(done.json().recoveryCodes).toHaveLength(10);
    expect(
      (await t.app.inject({ url: '/api/v1/session', headers: { cookie: sessionCookieFrom(done) } }))
        .statusCode,
    ).toBe(200);
    clock.advance(60_000);
    expect((await signIn(t, hugo.email, hugo.password)).json().status).toBe('mfa_required');
  });

  it('TOTP secrets are encrypted at rest', async () => {
    const { secret } = await withTotp();
    const row = await t.c.store.db.selectFrom('mfa_factors').select('secret_enc').executeTakeFirstOrThrow();
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(secret);
  });

  /** The user's status, failure count and audit actions, newest first. */
  async function stateOf(userId: string) {
    const user = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'disabled_reason', 'failed_attempts'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const actions = await t.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', userId)
      .orderBy('id', 'desc')
      .execute();
    return { ...user, actions };
  }
  const verifyTotp = (
    challenge: string,
    secret: string,
    extra: object = {},
    headers: Record<string, string> = {},
  ) =>
    post(
      '/api/v1/auth/mfa/verify',
      { challenge, method: 'totp', code: codeAt(secret, clock.now()), ...extra },
      headers,
    );

  it('an account locked between the password and the code gets no session, and its code is not spent', async () => {
    const { user, secret } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const succeeded = async () =>
      (await stateOf(user.id)).actions.filter((a) => a.action === 'sign_in.succeeded').length;
    const before = await succeeded();
    // Someone else then types 7 wrong passwords: the lockout ends the second step under way.
    for (let i = 0; i < 7; i++) await signIn(t, user.email, `Wrong-Password-${i}`);
    const late = await verifyTotp(challenge, secret, { trustDevice: true });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('invalid_challenge');
    expect(late.cookies).toEqual([]);
    const after = await stateOf(user.id);
    expect(after).toMatchObject({ status: 'disabled', failed_attempts: 7 });
    expect(await succeeded()).toBe(before);
    expect(await t.c.store.db.selectFrom('trusted_devices').select('id').execute()).toEqual([]);
  });

  it('an account disabled by a manager, or a property suspended, since the password step: the password step’s answer', async () => {
    const { user, secret } = await withTotp();
    clock.advance(30_000);
    let challenge = (await signIn(t, user.email, user.password)).json().challenge;
    await t.c.store.db
      .updateTable('users')
      .set({ status: 'disabled', disabled_reason: 'disabled_by_manager', disabled_at: clock.now() })
      .where('id', '=', user.id)
      .execute();
    const refused = await verifyTotp(challenge, secret, {}, { 'accept-language': 'fr' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'account_disabled' });
    expect(refused.json().error.message).toContain('Demandez à un collègue');
    expect(refused.cookies).toEqual([]);
    // The code was not spent, and the challenge is over.
    expect((await verifyTotp(challenge, secret)).json().error.code).toBe('invalid_challenge');
    expect((await stateOf(user.id)).actions[0]).toMatchObject({ action: 'sign_in.refused' });

    await t.c.store.db
      .updateTable('users')
      .set({ status: 'active', disabled_reason: null, disabled_at: null })
      .where('id', '=', user.id)
      .execute();
    const { property } = await createHotel(t, {});
    await t.c.properties.addMember({
      propertyId: property.id,
      userId: user.id,
      role: 'member',
      actor: { type: 'system' },
    });
    challenge = (await signIn(t, user.email, user.password)).json().challenge;
    await t.c.store.db
      .updateTable('properties')
      .set({ status: 'suspended' })
      .where('id', '=', property.id)
      .execute();
    const suspended = await verifyTotp(challenge, secret);
    expect(suspended.statusCode).toBe(403);
    expect(suspended.json().error.code).toBe('property_suspended');
    expect(suspended.cookies).toEqual([]);
  });

  it('a new password set through an expired one never re-enables a locked account', async () => {
    // With 2FA: the replacement waits on the second factor; the account is locked meanwhile.
    const { user, secret } = await withTotp();
    const expire = (id: string) =>
      t.c.store.db
        .updateTable('users')
        .set({ password_changed_at: clock.now() - 91 * 86_400_000 })
        .where('id', '=', id)
        .execute();
    await expire(user.id);
    const changeToken = (await signIn(t, user.email, user.password)).json().changeToken;
    const change = await post('/api/v1/auth/password-expired/change', {
      changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    expect(change.json().status).toBe('mfa_required');
    for (let i = 0; i < 7; i++) await signIn(t, user.email, `Wrong-Password-${i}`);
    clock.advance(30_000);
    expect((await verifyTotp(change.json().challenge, secret)).cookies).toEqual([]);
    expect(await stateOf(user.id)).toMatchObject({ status: 'disabled' });
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);

    // Without 2FA: the change token is refused with the password step's answer.
    const plain = await t.createUser({ language: 'en' });
    await expire(plain.id);
    const token = (await signIn(t, plain.email, plain.password)).json().changeToken;
    for (let i = 0; i < 7; i++) await signIn(t, plain.email, `Wrong-Password-${i}`);
    const refused = await post('/api/v1/auth/password-expired/change', {
      changeToken: token,
      password: 'Harbour-Violet-Compass-31',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_disabled');
    expect(refused.cookies).toEqual([]);
    expect(await stateOf(plain.id)).toMatchObject({ status: 'disabled' });
    expect((await signIn(t, plain.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
  });

  it('a new password ends the second steps begun with the old one', async () => {
    const { user, secret, cookie } = await withTotp();
    clock.advance(30_000);
    const old = (await signIn(t, user.email, user.password)).json().challenge;
    // The owner changes the password on the account page (their session stays open).
    const change = await post(
      '/api/v1/account/password',
      { currentPassword: user.password, newPassword: 'Quartz-Meadow-Lantern-58' },
      { cookie },
    );
    expect(change.statusCode).toBe(204);
    const late = await verifyTotp(old, secret, { trustDevice: true });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('invalid_challenge');
    expect(late.cookies).toEqual([]);
    expect(await t.c.store.db.selectFrom('trusted_devices').select('id').execute()).toEqual([]);
  });

  /** The owner sets a new password on the account page (their own session stays open). */
  async function changeOnAccountPage(currentPassword: string, cookie: string) {
    const change = await post(
      '/api/v1/account/password',
      { currentPassword, newPassword: 'Quartz-Meadow-Lantern-58' },
      { cookie },
    );
    expect(change.statusCode).toBe(204);
  }

  /** The owner resets the password through the e-mailed link. */
  async function ownerResets(email: string) {
    await post('/api/v1/auth/password-reset', { email });
    const confirm = await post('/api/v1/auth/password-reset/confirm', {
      token: await resetTokenFor(t, email),
      password: 'Quartz-Meadow-Lantern-58',
    });
    expect(confirm.statusCode).toBe(204);
  }

  /**
   * An expired password replaced through its change link, while the owner's reset through the
   * e-mailed link lands after the link was spent, before the replacement is written.
   */
  async function changeExpiredWhileOwnerResets(user: { id: string; email: string; password: string }) {
    await expirePassword(user.id);
    const expired = (await signIn(t, user.email, user.password)).json();
    expect(expired.status).toBe('password_expired');
    const step = t.c.mfa.secondStep;
    t.c.mfa.secondStep = async (...args) => {
      t.c.mfa.secondStep = step;
      await ownerResets(user.email);
      return step(...args);
    };
    return post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
  }

  it('a password changed while the code is being checked opens no session: 401, audited', async () => {
    const { user, secret, cookie } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    // The owner's change lands just after the code was accepted, before the session is written.
    const open = t.c.sessions.openAfterSignIn;
    t.c.sessions.openAfterSignIn = async (...args) => {
      await changeOnAccountPage(user.password, cookie);
      return open(...args);
    };
    const late = await verifyTotp(challenge, secret);
    t.c.sessions.openAfterSignIn = open;
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('invalid_credentials');
    expect(late.cookies).toEqual([]);
    // Only the owner's own session (kept by the account page) is left.
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
    const refused = (await stateOf(user.id)).actions.find((a) => a.action === 'sign_in.refused');
    expect(JSON.parse(refused?.details ?? '{}')).toMatchObject({ reason: 'password_changed' });
  });

  it('an expired password’s replacement never overwrites a change made while its code was checked', async () => {
    const { user, secret, cookie } = await withTotp();
    await expirePassword(user.id);
    const expired = (await signIn(t, user.email, user.password)).json();
    const second = await post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    expect(second.json()).toMatchObject({ status: 'mfa_required' });
    // The owner sets a password on the account page after the code was accepted, before the
    // replacement the challenge carries is written.
    const apply = t.c.passwords.applyPendingPassword;
    t.c.passwords.applyPendingPassword = async (...args) => {
      await changeOnAccountPage(user.password, cookie);
      return apply(...args);
    };
    clock.advance(30_000);
    const late = await verifyTotp(second.json().challenge, secret);
    t.c.passwords.applyPendingPassword = apply;
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('invalid_credentials');
    expect(late.cookies).toEqual([]);
    // The owner's password stands; the replacement typed after the expired one does not.
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58')).json().status).toBe('mfa_required');
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
  });

  it('without a second factor too, an expired password’s replacement never overwrites a reset made meanwhile', async () => {
    const user = await t.createUser();
    const change = await changeExpiredWhileOwnerResets(user);
    expect(change.statusCode).toBe(401);
    expect(change.json().error.code).toBe('invalid_credentials');
    expect(change.cookies).toEqual([]);
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58')).statusCode).toBe(200);
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('a reset landing while an expired password’s replacement waits for its second factor stands', async () => {
    const { user, secret } = await withTotp();
    // With a factor, the reset lands before the challenge exists (so it had no challenge to delete).
    const change = await changeExpiredWhileOwnerResets(user);
    expect(change.statusCode).toBe(401);
    expect(change.json().error.code).toBe('invalid_credentials');
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    clock.advance(30_000);
    const next = await signIn(t, user.email, 'Quartz-Meadow-Lantern-58');
    expect(next.json().status).toBe('mfa_required');
    expect((await verifyTotp(next.json().challenge, secret)).statusCode).toBe(200);
  });

  it('an enrolment at sign-in whose challenge a password change ended leaves no factor and no recovery codes', async () => {
    const { hugo } = await hotelRequiringTwoFactor(t);
    const challenge = (await signIn(t, hugo.email, hugo.password)).json().challenge;
    const start = (await post('/api/v1/auth/mfa/enrol/totp', { challenge })).json();
    // The owner's reset lands once the code is accepted, before the factor is written.
    const confirm = t.c.mfa.confirmTotp;
    t.c.mfa.confirmTotp = async (...args) => {
      await ownerResets(hugo.email);
      return confirm.apply(t.c.mfa, args);
    };
    const done = await post('/api/v1/auth/mfa/enrol/totp/confirm', {
      challenge,
      enrolmentId: start.enrolmentId,
      code: codeAt(start.secret, clock.now()),
    });
    t.c.mfa.confirmTotp = confirm;
    expect(done.statusCode).toBe(401);
    expect(done.json().error.code).toBe('invalid_challenge');
    expect(await secondFactorRows(t, hugo.id)).toEqual({ factors: 0, codes: 0 });
  });

  it('an enrolment at sign-in refused (property suspended meanwhile) leaves no factor behind', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Admin) throw new Error('setup');
    await post(
      `/api/v1/properties/${property.id}/two-factor-policy`,
      { required: true },
      { cookie: members.Admin.cookie },
    );
    const challenge = (await signIn(t, hugo.email, hugo.password)).json().challenge;
    const start = (await post('/api/v1/auth/mfa/enrol/totp', { challenge })).json();
    await t.c.store.db
      .updateTable('properties')
      .set({ status: 'suspended' })
      .where('id', '=', property.id)
      .execute();
    const done = await post('/api/v1/auth/mfa/enrol/totp/confirm', {
      challenge,
      enrolmentId: start.enrolmentId,
      code: codeAt(start.secret, clock.now()),
    });
    expect(done.statusCode).toBe(403);
    expect(done.json().error.code).toBe('property_suspended');
    expect(done.cookies).toEqual([]);
    for (const table of ['mfa_factors', 'recovery_codes'] as const) {
      expect(
        await t.c.store.db.selectFrom(table).select('id').where('user_id', '=', hugo.id).execute(),
      ).toEqual([]);
    }
  });

  it('a challenge in its last minute sends no more codes: the person signs in again', async () => {
    const { user } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    expect((await post('/api/v1/auth/mfa/email-code', { challenge })).statusCode).toBe(202);
    clock.advance(9 * 60_000);
    expect((await post('/api/v1/auth/mfa/email-code', { challenge })).statusCode).toBe(202);
    // The e-mail says how long the code really lasts: the 6 minutes left of the challenge's 15.
    expect((await lastMailTo(t, user.email))?.text_body).toContain('valable 6 minutes');
    clock.advance(5 * 60_000 + 30_000);
    expect((await post('/api/v1/auth/mfa/email-code', { challenge })).json().error.code).toBe(
      'invalid_challenge',
    );
    expect(
      await t.c.store.db.selectFrom('outbox').select('id').where('template', '=', 'mfa_email_code').execute(),
    ).toHaveLength(2);
  });

  it('wrong second-factor codes count against the network’s limit on failed sign-ins', async () => {
    await t.close();
    t = await buildTestApp({ dialect, config: { loginIpLimit: 3 } });
    clock = t.clock as ManualClock;
    const { user, secret } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    for (const code of ['111111', '222222', '333333']) {
      expect(
        (await post('/api/v1/auth/mfa/verify', { challenge, method: 'totp', code })).json().error.code,
      ).toBe('invalid_code');
    }
    // The network's 3 failures are used: the next code, right or wrong, and a password, wait.
    const right = await verifyTotp(challenge, secret);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
    const other = await t.createUser();
    expect((await signIn(t, other.email, other.password)).statusCode).toBe(429);
  });

  it('the right password ends a run of wrong ones even when a second step follows', async () => {
    const { user } = await withTotp();
    for (let i = 0; i < 6; i++) await signIn(t, user.email, `Wrong-Password-${i}`);
    expect((await signIn(t, user.email, user.password)).json().status).toBe('mfa_required');
    expect(await stateOf(user.id)).toMatchObject({ failed_attempts: 0 });
    // One more typo is the first of a new run, not the 7th.
    await signIn(t, user.email, 'Wrong-Password-x');
    expect(await stateOf(user.id)).toMatchObject({ status: 'active', failed_attempts: 1 });
  });

  it('e-mailed codes: 5 per person per 15 minutes, audited, and resending never keeps a challenge past 15 minutes', async () => {
    const { user } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    for (let i = 0; i < 3; i++) {
      expect((await post('/api/v1/auth/mfa/email-code', { challenge })).statusCode).toBe(202);
      clock.advance(6 * 60_000);
    }
    // 18 minutes after the password step, no resend keeps it alive.
    const gone = await post('/api/v1/auth/mfa/email-code', { challenge });
    expect(gone.json().error.code).toBe('invalid_challenge');
    const next = (await signIn(t, user.email, user.password)).json().challenge;
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        post('/api/v1/auth/mfa/email-code', { challenge: next }, { 'accept-language': 'fr' }),
      ),
    );
    // The person's 5 sends a window, across challenges (the limiter counts real time: the 3 above
    // are still in it): 2 more, then 429, even sent all at once.
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 202)).toHaveLength(2);
    expect(codes.filter((c) => c === 429)).toHaveLength(6);
    const limited = burst.find((r) => r.statusCode === 429);
    expect(limited?.json().error.message).toContain('codes envoyés par e-mail');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    const sent = await t.c.store.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'mfa_email_code')
      .execute();
    expect(sent).toHaveLength(5);
    expect((await stateOf(user.id)).actions.filter((a) => a.action === 'mfa.email_code_sent')).toHaveLength(
      5,
    );
  });

  it('a new password forgets every trusted device', async () => {
    const { user, secret } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const verify = await verifyTotp(challenge, secret, { trustDevice: true });
    const cookie = `portier_trusted_device=${verify.cookies.find((c) => c.name === 'portier_trusted_device')?.value}`;
    expect((await signIn(t, user.email, user.password, { cookie })).json()).toEqual({ status: 'ok' });
    await post('/api/v1/auth/password-reset', { email: user.email });
    const token = await resetTokenFor(t, user.email);
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, password: 'Quartz-Meadow-Lantern-58' }))
        .statusCode,
    ).toBe(204);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58', { cookie })).json().status).toBe(
      'mfa_required',
    );
    expect((await stateOf(user.id)).actions.find((a) => a.action === 'password.changed')?.details).toContain(
      '"devicesForgotten":1',
    );
  });

  it('trusting, using and forgetting a device, re-authenticating and new recovery codes are audited or told', async () => {
    const { user, cookie, secret } = await withTotp();
    clock.advance(30_000);
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const verify = await verifyTotp(challenge, secret, { trustDevice: true });
    const trusted = `portier_trusted_device=${verify.cookies.find((c) => c.name === 'portier_trusted_device')?.value}`;
    expect((await signIn(t, user.email, user.password, { cookie: trusted })).json()).toEqual({
      status: 'ok',
    });
    let actions = (await stateOf(user.id)).actions;
    expect(actions[0]).toMatchObject({ action: 'sign_in.succeeded' });
    expect(actions[0]?.details).toContain('"secondFactor":"trusted_device"');
    expect(actions.map((a) => a.action)).toContain('mfa.device_trusted');
    expect(actions.map((a) => a.action)).toContain('reauth.succeeded');

    const overview = (await t.app.inject({ url: '/api/v1/account/mfa', headers: { cookie } })).json();
    const deviceId = overview.trustedDevices[0].id;
    const forget = (id: string) => post(`/api/v1/account/mfa/trusted-devices/${id}/remove`, {}, { cookie });
    expect((await forget(deviceId)).statusCode).toBe(204);
    const again = await forget(deviceId);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    actions = (await stateOf(user.id)).actions;
    expect(actions[0]).toMatchObject({ action: 'mfa.device_forgotten' });

    const regenerated = await post('/api/v1/account/mfa/recovery-codes', {}, { cookie });
    expect(regenerated.statusCode).toBe(200);
    const mail = await lastMailTo(t, user.email);
    expect(mail?.template).toBe('mfa_notice');
    expect(mail?.text_body).toContain('nouveaux codes de secours');
  });

  it('a passkey already registered (to anyone) is refused with 409, not a 500', async () => {
    const user = await t.createUser({ language: 'en' });
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    await post('/api/v1/account/reauth', { password: user.password }, { cookie });
    const key = new SoftPasskey();
    const register = async (who: string, passkey: SoftPasskey) => {
      const start = (await post('/api/v1/account/mfa/webauthn', {}, { cookie: who })).json();
      return post(
        '/api/v1/account/mfa/webauthn/finish',
        { enrolmentId: start.enrolmentId, response: passkey.register(start.options), name: 'Clé' },
        { cookie: who },
      );
    };
    expect((await register(cookie, key)).statusCode).toBe(201);
    const twice = await register(cookie, key);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('passkey_already_registered');
    const other = await t.createUser();
    const otherCookie = sessionCookieFrom(await signIn(t, other.email, other.password));
    await post('/api/v1/account/reauth', { password: other.password }, { cookie: otherCookie });
    const stolen = await register(otherCookie, new SoftPasskey(key.credentialId));
    expect(stolen.statusCode).toBe(409);
    expect(
      await t.c.store.db.selectFrom('mfa_factors').select('user_id').where('type', '=', 'webauthn').execute(),
    ).toEqual([{ user_id: user.id }]);
  });

  it('messages say what was wrong for each method, in the request’s language', async () => {
    const { user, secret, recoveryCodes } = await withTotp();
    const challenge = (await signIn(t, user.email, user.password)).json().challenge;
    const fr = { 'accept-language': 'fr' };
    const recovery = await post(
      '/api/v1/auth/mfa/verify',
      { challenge, method: 'recovery', code: 'AAAA-BBBB-CCCC' },
      fr,
    );
    expect(recovery.json().error).toMatchObject({ code: 'invalid_code', details: { attemptsLeft: 4 } });
    expect(recovery.json().error.message).toContain('code de secours');
    const email = await post('/api/v1/auth/mfa/verify', { challenge, method: 'email', code: '123456' }, fr);
    expect(email.json().error.code).toBe('method_unavailable');
    expect(email.json().error.message).toContain('Demandez d’abord un code par e-mail');
    expect(recoveryCodes).toHaveLength(10);
    expect(secret).toBeTruthy();
    // A wrong first code while adding an app tells no count of tries (none is counted there).
    clock.advance(30_000); // the next code (the enrolment used this one)
    const cookie = sessionCookieFrom(await verifyTotp(challenge, secret));
    await post('/api/v1/account/reauth', { password: user.password }, { cookie });
    const start = (await post('/api/v1/account/mfa/totp', {}, { cookie })).json();
    const wrongFirst = await post(
      '/api/v1/account/mfa/totp/confirm',
      { enrolmentId: start.enrolmentId, code: '000000', name: 'Tablette' },
      { cookie, ...fr },
    );
    expect(wrongFirst.json().error.code).toBe('invalid_code');
    expect(wrongFirst.json().error.message).not.toMatch(/essai/);
    // Schema failures in French name the fields, without English text.
    const bad = await post('/api/v1/auth/login', { email: 42, password: 'x' }, fr);
    expect(bad.json().error.message).toBe('La requête est invalide : vérifiez email');
  });

  it('bad input on the 2FA endpoints is a 4xx with a code', async () => {
    for (const [url, payload] of [
      ['/api/v1/auth/mfa/verify', { challenge: 'x', method: 'totp' }],
      ['/api/v1/auth/mfa/verify', { challenge: 'A'.repeat(43), method: 'sms', code: '1' }],
      ['/api/v1/auth/mfa/email-code', { challenge: 42 }],
    ] as const) {
      const res = await post(url, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect(
      (
        await post('/api/v1/auth/mfa/verify', { challenge: 'A'.repeat(43), method: 'totp', code: '123456' })
      ).json().error.code,
    ).toBe('invalid_challenge');
  });
});

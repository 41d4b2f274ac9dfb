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
import { lastMailTo } from '../helpers/mail.js';
import { createHotel } from '../helpers/property.js';
import { decodeQuotedPrintable, startSmtpReceiver } from '../helpers/smtp.js';
import { codeAt } from '../helpers/totp.js';

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

  it('an expired password is replaced only once the second factor is given', async () => {
    const { user, cookie, secret } = await withTotp();
    // The password reached its 90 days; the person's session on another computer is still open.
    await t.c.store.db
      .updateTable('users')
      .set({ password_changed_at: clock.now() - 90 * 86_400_000 })
      .where('id', '=', user.id)
      .execute();
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

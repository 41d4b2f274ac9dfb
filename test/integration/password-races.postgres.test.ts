/**
 * PostgreSQL (READ COMMITTED) orderings of a password change against an older proof that SQLite,
 * whose writes take turns, cannot produce: the reset is held just before its commit.
 */
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
import { resetTokenFor } from '../helpers/mail.js';
import { createHotel, hotelRequiringTwoFactor, secondFactorRows } from '../helpers/property.js';
import { codeAt } from '../helpers/totp.js';

describe.runIf(dialects.includes('postgres'))('password races on PostgreSQL', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await buildTestApp({ dialect: 'postgres' });
    clock = t.clock as ManualClock;
  });
  afterEach(async () => {
    await t.close();
  });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: jsonHeaders(headers), payload });

  /** Starts the reset and resolves once it has written everything but not committed; it commits 300 ms later. */
  function resetHeldBeforeCommit(token: string) {
    let reached: () => void = () => undefined;
    const atEnd = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const enqueue = t.c.mailer.enqueue;
    t.c.mailer.enqueue = async (...args: Parameters<typeof enqueue>) => {
      const queued = await enqueue.apply(t.c.mailer, args);
      if (args[1].template === 'password_changed') {
        t.c.mailer.enqueue = enqueue;
        reached();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return queued;
    };
    const done = t.c.passwords.confirmReset(token, 'Quartz-Meadow-Lantern-58', { ip: null, userAgent: null });
    return { atEnd, done };
  }

  it('a reset committing just after an expired password’s replacement began waiting for its code stands', async () => {
    const user = await t.createUser({ language: 'fr' });
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    await post('/api/v1/account/reauth', { password: user.password }, { cookie });
    const start = (await post('/api/v1/account/mfa/totp', {}, { cookie })).json();
    const enrolled = await post(
      '/api/v1/account/mfa/totp/confirm',
      { enrolmentId: start.enrolmentId, code: codeAt(start.secret, clock.now()), name: 'Téléphone' },
      { cookie },
    );
    expect(enrolled.statusCode).toBe(201);
    await t.c.store.db
      .updateTable('users')
      .set({ password_changed_at: clock.now() - 90 * 86_400_000 })
      .where('id', '=', user.id)
      .execute();
    const expired = (await signIn(t, user.email, user.password)).json();
    expect(expired.status).toBe('password_expired');
    await post('/api/v1/auth/password-reset', { email: user.email });
    const resetToken = await resetTokenFor(t, user.email);
    // The reset has deleted the (not yet existing) challenges and set its password, uncommitted,
    // when the replacement's challenge is made; the re-check then still reads the expired hash.
    const resetDone = resetDuringSecondStep(resetToken);
    const change = await post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    await resetDone();
    if (change.statusCode === 200) {
      clock.advance(30_000);
      const verify = await post('/api/v1/auth/mfa/verify', {
        challenge: change.json().challenge,
        method: 'totp',
        code: codeAt(start.secret, clock.now()),
      });
      expect(verify.statusCode).toBe(401);
      expect(verify.json().error.code).toBe('invalid_credentials');
    } else {
      expect(change.json().error.code).toBe('invalid_credentials');
    }
    clock.advance(30_000);
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'Quartz-Meadow-Lantern-58')).json().status).toBe('mfa_required');
  });

  it('a reset link used while an account-page change is being written waits its turn: no deadlock', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    await post('/api/v1/auth/password-reset', { email: user.email });
    const resetToken = await resetTokenFor(t, user.email);
    // The change has written the person's row and not yet deleted their links when the link is used.
    let reset: Promise<unknown> | undefined;
    const endAll = t.c.sessions.endAllOfUser;
    t.c.sessions.endAllOfUser = async (...args) => {
      t.c.sessions.endAllOfUser = endAll;
      reset = t.c.passwords
        .confirmReset(resetToken, 'Quartz-Meadow-Lantern-58', { ip: null, userAgent: null })
        .then(
          () => 'reset',
          (error: { code?: string }) => error.code,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
      return endAll(...args);
    };
    const change = await post(
      '/api/v1/account/password',
      { currentPassword: user.password, newPassword: 'Harbour-Violet-Compass-31' },
      { cookie },
    );
    expect(change.statusCode).toBe(204);
    // The change deleted the link it queued behind: it no longer works (no 40P01, no 500).
    expect(await reset).toBe('invalid_token');
    expect((await signIn(t, user.email, 'Harbour-Violet-Compass-31')).statusCode).toBe(200);
  });

  /** Holds a reset before its commit from inside the expired password's change (secondStep). */
  function resetDuringSecondStep(token: string) {
    let reset: Promise<void> | undefined;
    const step = t.c.mfa.secondStep;
    t.c.mfa.secondStep = async (...args) => {
      t.c.mfa.secondStep = step;
      const held = resetHeldBeforeCommit(token);
      reset = held.done;
      await held.atEnd;
      return step(...args);
    };
    return () => reset;
  }

  it('an enrolment at sign-in racing the same reset attaches no factor to the reset account', async () => {
    const { hugo } = await hotelRequiringTwoFactor(t);
    await t.c.store.db
      .updateTable('users')
      .set({ password_changed_at: clock.now() - 91 * 86_400_000 })
      .where('id', '=', hugo.id)
      .execute();
    const expired = (await signIn(t, hugo.email, hugo.password)).json();
    expect(expired.status).toBe('password_expired');
    await post('/api/v1/auth/password-reset', { email: hugo.email });
    const resetDone = resetDuringSecondStep(await resetTokenFor(t, hugo.email));
    const change = await post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    await resetDone();
    expect(change.statusCode).toBe(200);
    const challenge = change.json().challenge;
    const start = (await post('/api/v1/auth/mfa/enrol/totp', { challenge })).json();
    const done = await post('/api/v1/auth/mfa/enrol/totp/confirm', {
      challenge,
      enrolmentId: start.enrolmentId,
      code: codeAt(start.secret, clock.now()),
      name: 'Téléphone',
    });
    expect(done.statusCode).toBe(401);
    expect(done.json().error.code).toBe('invalid_credentials');
    expect(await secondFactorRows(t, hugo.id)).toEqual({ factors: 0, codes: 0 });
  });

  it('a manager’s two-factor reset and the person’s password reset at once: both done, no deadlock', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Admin) throw new Error('setup');
    await post('/api/v1/account/reauth', { password: hugo.password }, { cookie: hugo.cookie });
    const start = (await post('/api/v1/account/mfa/totp', {}, { cookie: hugo.cookie })).json();
    const enrolled = await post(
      '/api/v1/account/mfa/totp/confirm',
      { enrolmentId: start.enrolmentId, code: codeAt(start.secret, clock.now()), name: 'P' },
      { cookie: hugo.cookie },
    );
    expect(enrolled.statusCode).toBe(201);
    // A sign-in under way leaves a live challenge for both to delete.
    expect((await signIn(t, hugo.email, hugo.password)).json().status).toBe('mfa_required');
    await post('/api/v1/auth/password-reset', { email: hugo.email });
    const resetToken = await resetTokenFor(t, hugo.email);
    // The reset has ended Hugo's sessions when the manager's two-factor reset starts.
    let manager: Promise<{ statusCode: number }> | undefined;
    const endAll = t.c.sessions.endAllOfUser;
    t.c.sessions.endAllOfUser = async (...args) => {
      t.c.sessions.endAllOfUser = endAll;
      const ended = await endAll(...args);
      manager = post(
        `/api/v1/properties/${property.id}/users/${hugo.id}/reset-2fa`,
        {},
        { cookie: members.Admin?.cookie ?? '' },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      return ended;
    };
    await t.c.passwords.confirmReset(resetToken, 'Quartz-Meadow-Lantern-58', { ip: null, userAgent: null });
    expect((await manager)?.statusCode).toBe(204);
  });
});

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
    let reset: Promise<void> | undefined;
    const step = t.c.mfa.secondStep;
    t.c.mfa.secondStep = async (...args) => {
      t.c.mfa.secondStep = step;
      const held = resetHeldBeforeCommit(resetToken);
      reset = held.done;
      await held.atEnd;
      return step(...args);
    };
    const change = await post('/api/v1/auth/password-expired/change', {
      changeToken: expired.changeToken,
      password: 'Harbour-Violet-Compass-31',
    });
    await reset;
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
});

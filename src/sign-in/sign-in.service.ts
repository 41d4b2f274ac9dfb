/**
 * Signing in (SPEC §2):
 * - e-mail trimmed and compared case-insensitively; the password exactly as typed, at most 1024 bytes;
 * - unknown e-mail and wrong password: same answer, same status, same work (dummy argon2 verify);
 * - PORTIER_LOCKOUT_THRESHOLD (7) consecutive wrong passwords disable the account, counted atomically;
 *   the owner is told by e-mail; a success resets the counter;
 * - a disabled account answers `account_disabled` only to the correct password;
 * - a per-IP failure limit answers 429 with Retry-After.
 */

import type { Kysely } from 'kysely';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/types.js';
import type { AppError } from '../errors.js';
import type { Mailer } from '../notifications/notifications.service.js';
import type { PasswordHasher } from '../passwords/hashing.js';
import type { SessionService } from '../sessions/sessions.service.js';
import type { Clock } from '../shared/clock.js';
import { ipKey, type Limiter } from '../shared/limiter.js';
import { normalizeEmail } from '../users/email.js';
import {
  findUserForSignIn,
  findUserStatusById,
  recordFailedAttempt,
  resetFailedAttempts,
} from '../users/users.queries.js';
import { refusalForChangedMeanwhile } from './changed-meanwhile.js';
import { signInErrors } from './sign-in.errors.js';

/** An account id no account has (ids are UUIDs): the unknown e-mail's counter update matches nothing. */
const NO_ACCOUNT = '';

export type SignInOutcome =
  | 'success'
  | 'invalid_credentials'
  | 'account_disabled'
  | 'rate_limited'
  | 'lockout'
  | 'password_expired'
  | 'property_suspended'
  | 'mfa_required'
  | 'mfa_enrolment_required';

export type SignInResult =
  | { status: 'ok'; token: string; sessionId: string; userId: string }
  | { status: 'mfa_required'; challenge: string; methods: string[] }
  | { status: 'mfa_enrolment_required'; challenge: string }
  | { status: 'password_expired'; changeToken: string; maxAgeDays: number };

export interface SignInService {
  signIn(
    input: { email: string; password: string; trustedDeviceToken?: string },
    context: RequestContext,
  ): Promise<SignInResult>;
  /**
   * Why the password step would now refuse someone who passed it (account disabled, every property
   * suspended), or null. Asked again by every step that completes a sign-in later (second factor,
   * expired-password change): things may have changed since the password was checked.
   */
  entryRefusal(userId: string): Promise<AppError | null>;
}

export function createSignInService(deps: {
  store: Store;
  clock: Clock;
  config: Pick<Config, 'lockoutThreshold' | 'passwordMaxAge'>;
  /** A short-lived change token for an expired password (the passwords slice owns it). */
  issueExpiredChangeToken: (userId: string, context: RequestContext, checkedHash: string) => Promise<string>;
  /** Why a person with the right password still cannot get in (every property suspended). */
  propertyRefusal: (userId: string) => Promise<AppError | null>;
  /**
   * The second step after a correct password, when the person has (or must set up) 2FA;
   * 'trusted_device' when a device trusted for 30 days stands in for it.
   */
  secondStep: (
    userId: string,
    trustedDeviceToken: string | undefined,
  ) => Promise<
    | { status: 'mfa_required'; challenge: string; methods: string[] }
    | { status: 'mfa_enrolment_required'; challenge: string }
    | 'trusted_device'
    | null
  >;
  /** A locked account's second-factor challenges end with the lockout (mfa slice). */
  endChallenges: (db: Kysely<Database>, userId: string) => Promise<void>;
  hasher: PasswordHasher;
  sessions: SessionService;
  mailer: Mailer;
  audit: AuditRecorder;
  ipLimiter: Limiter;
  onOutcome?: (outcome: SignInOutcome) => void;
  onMailQueued?: () => void;
}): SignInService {
  const { store, clock, config, hasher, sessions, mailer, audit, ipLimiter } = deps;
  const outcome = (o: SignInOutcome) => deps.onOutcome?.(o);

  /** The answer to an unknown e-mail or a wrong password: the attempt stays counted against the IP. */
  class InvalidCredentials extends Error {}
  function failed(): never {
    throw new InvalidCredentials();
  }

  return {
    async signIn(input, context) {
      // The attempt is counted against the IP before any work, in one atomic step (parallel requests
      // cannot all slip under the limit), and given back unless it turns out a failed sign-in.
      const limitKey = context.ip ? ipKey(context.ip) : undefined;
      if (limitKey) {
        const waitMs = await ipLimiter.take(limitKey);
        if (waitMs > 0) {
          outcome('rate_limited');
          throw signInErrors.rateLimited(waitMs);
        }
      }
      try {
        const result = await attempt(input, context);
        if (limitKey) await ipLimiter.giveBack(limitKey);
        return result;
      } catch (error) {
        if (error instanceof InvalidCredentials) {
          outcome('invalid_credentials');
          throw signInErrors.invalidCredentials();
        }
        if (limitKey) await ipLimiter.giveBack(limitKey);
        throw error;
      }
    },

    async entryRefusal(userId) {
      const user = await findUserStatusById(store.db, userId);
      if (!user) return signInErrors.invalidCredentials();
      if (user.status === 'disabled') return signInErrors.accountDisabled(user.disabled_reason);
      return deps.propertyRefusal(userId);
    },
  };

  /**
   * A right password that opens no session (yet): it ends a run of wrong ones all the same ("7 in a
   * row"), audited in the same transaction; 403 `account_disabled` when the account was disabled
   * meanwhile (its count stays).
   */
  async function rightPasswordWithoutSession(
    userId: string,
    checkedHash: string,
    context: RequestContext,
    action: 'sign_in.refused' | 'sign_in.password_ok',
    details: Record<string, unknown>,
  ) {
    const refusal = await store.db.transaction().execute(async (trx) => {
      if (!(await resetFailedAttempts(trx, { userId, now: clock.now(), passwordHash: checkedHash })))
        return refusalForChangedMeanwhile(trx, audit, userId, context);
      await audit(trx, {
        actor: { type: 'user', id: userId },
        action,
        target: { type: 'user', id: userId },
        context,
        details,
      });
      return undefined;
    });
    if (refusal) throw refusal;
  }

  async function attempt(
    input: { email: string; password: string; trustedDeviceToken?: string },
    context: RequestContext,
  ): Promise<SignInResult> {
    const email = normalizeEmail(input.email);
    const user = await findUserForSignIn(store.db, email);
    if (!user?.password_hash) {
      await hasher.verifyDummy(input.password);
      // The store work of a wrong password too (a transaction, the counter update — here matching
      // no account — and the audit event), so that no timing tells an unknown e-mail from a known one.
      await store.db.transaction().execute(async (trx) => {
        await recordFailedAttempt(trx, {
          userId: NO_ACCOUNT,
          threshold: config.lockoutThreshold,
          now: clock.now(),
        });
        await audit(trx, {
          actor: { type: 'anonymous' },
          action: 'sign_in.failed',
          context,
          details: { reason: 'unknown_email' },
        });
      });
      return failed();
    }

    // What the password was checked against: a reset or change that lands while this sign-in is
    // under way makes every later step refuse it (see openAfterSignIn).
    const checkedHash = user.password_hash;
    const correct = await hasher.verify(checkedHash, input.password);
    if (!correct) {
      const now = clock.now();
      const lockedNow = await store.db.transaction().execute(async (trx) => {
        const row = await recordFailedAttempt(trx, {
          userId: user.id,
          threshold: config.lockoutThreshold,
          now,
        });
        await audit(trx, {
          actor: { type: 'anonymous' },
          action: 'sign_in.failed',
          target: { type: 'user', id: user.id },
          context,
          details: { reason: 'wrong_password', consecutiveFailures: row?.failed_attempts },
        });
        // Exactly one failure crosses the threshold: that one disables, audits and tells the owner.
        // Its count is the threshold, and it stamped disabled_at with its own time (a later failure
        // reaching that count under a higher threshold, e.g. mid-deploy, finds an older stamp).
        const crossed =
          row?.status === 'disabled' &&
          row.disabled_reason === 'too_many_failed_attempts' &&
          row.failed_attempts === config.lockoutThreshold &&
          row.disabled_at === now;
        if (crossed) {
          await audit(trx, {
            actor: { type: 'system' },
            action: 'account.disabled',
            target: { type: 'user', id: user.id },
            context,
            details: { reason: 'too_many_failed_attempts', attempts: row.failed_attempts },
          });
          // A second step already under way (the password was right a moment ago) ends too.
          await deps.endChallenges(trx, user.id);
          await mailer.enqueue(trx, {
            to: user.email,
            language: user.language,
            template: 'account_disabled',
            vars: { name: user.name, attempts: row.failed_attempts },
          });
        }
        return crossed;
      });
      if (lockedNow) {
        outcome('lockout');
        deps.onMailQueued?.();
      }
      return failed();
    }

    if (user.status === 'disabled') {
      await audit(store.db, {
        actor: { type: 'user', id: user.id },
        action: 'sign_in.refused',
        target: { type: 'user', id: user.id },
        context,
        details: { reason: 'account_disabled', disabledReason: user.disabled_reason },
      });
      outcome('account_disabled');
      throw signInErrors.accountDisabled(user.disabled_reason);
    }

    const refusal = await deps.propertyRefusal(user.id);
    if (refusal) {
      // An employee of a suspended hotel who mistypes later is not one typo from a locked account.
      await rightPasswordWithoutSession(user.id, checkedHash, context, 'sign_in.refused', {
        reason: refusal.code,
      });
      outcome('property_suspended');
      throw refusal;
    }

    const now = clock.now();
    // PCI DSS 8.3.9: an expired password gets no session, only the right to choose a new one.
    if (user.password_changed_at !== null && user.password_changed_at + config.passwordMaxAge <= now) {
      const changeToken = await deps.issueExpiredChangeToken(user.id, context, checkedHash);
      outcome('password_expired');
      return {
        status: 'password_expired',
        changeToken,
        maxAgeDays: Math.round(config.passwordMaxAge / 86_400_000),
      };
    }
    const second = await deps.secondStep(user.id, input.trustedDeviceToken);
    if (second && second !== 'trusted_device') {
      await rightPasswordWithoutSession(user.id, checkedHash, context, 'sign_in.password_ok', {
        next: second.status,
      });
      outcome(second.status);
      return second;
    }
    const session = await sessions.openAfterSignIn(
      user.id,
      context,
      second === 'trusted_device' ? { secondFactor: 'trusted_device' } : undefined,
      checkedHash,
    );
    outcome('success');
    return { status: 'ok', token: session.token, sessionId: session.id, userId: user.id };
  }
}

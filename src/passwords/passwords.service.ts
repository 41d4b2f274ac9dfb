/**
 * The password lifecycle (SPEC §2):
 * - forgot password: always 202, same body, same work (a job does the rest); a 256-bit link stored
 *   as a hash, valid 1 h, single use, voided by a newer one; a reset re-enables an account disabled
 *   by failed attempts, resets the counter, ends every session, never signs in, never skips 2FA;
 * - expiry (PCI DSS 8.3.9): after PORTIER_PASSWORD_MAX_AGE a correct password gets a short-lived
 *   change token instead of a session; reminders 14 and 3 days before, each sent once;
 * - every new password passes the one policy and differs from the last 4 (checked against hashes).
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Database, TokenPurpose } from '../db/types.js';
import { AppError } from '../errors.js';
import { insertJob } from '../jobs/jobs.queries.js';
import type { JobWorker } from '../jobs/jobs.worker.js';
import { deleteChallengesOfUser, deleteTrustedDevicesOfUser } from '../mfa/mfa.queries.js';
import type { SecondStep } from '../mfa/mfa.service.js';
import type { Mailer } from '../notifications/notifications.service.js';
import { findInvitationByTokenHash } from '../properties/properties.queries.js';
import { sessionExists } from '../sessions/sessions.queries.js';
import type { ActiveSession, SessionService } from '../sessions/sessions.service.js';
import type { Clock } from '../shared/clock.js';
import { ipKey, type Limiter } from '../shared/limiter.js';
import { generateToken, hashToken, newId } from '../shared/tokens.js';
import { refusalForChangedMeanwhile } from '../sign-in/changed-meanwhile.js';
import { signInErrors } from '../sign-in/sign-in.errors.js';
import { normalizeEmail } from '../users/email.js';
import {
  findPasswordHashById,
  findUserForSignIn,
  findUserProfileById,
  findUserStatusById,
  lockUserRow,
  resetFailedAttempts,
} from '../users/users.queries.js';
import { checkCurrentPassword, type PasswordHasher } from './hashing.js';
import { passwordErrors } from './passwords.errors.js';
import {
  consumeToken,
  deleteUserTokens,
  findLiveToken,
  findRecentPasswordHashes,
  findUsersDueForExpiryNotice,
  insertExpiryNotice,
  replaceUserToken,
  updateUserPassword,
} from './passwords.queries.js';
import type { PasswordAssessment, PasswordChecker } from './policy.js';

export const RESET_JOB = 'password_reset_request';
const CHANGE_TOKEN_TTL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

interface PasswordOwner {
  id: string;
  email: string;
  name: string;
}

export function createPasswordsService(deps: {
  store: Store;
  clock: Clock;
  config: Config;
  hasher: PasswordHasher;
  checker: PasswordChecker;
  sessions: SessionService;
  mailer: Mailer;
  audit: AuditRecorder;
  jobs: JobWorker;
  resetLimits: { perIp: Limiter; perAddress: Limiter };
  /** Wrong current passwords per person (see CURRENT_PASSWORD_FAILURES_PER_USER). */
  currentPasswordLimiter: Limiter;
  onMailQueued: () => void;
  /**
   * The second step after a password, when the person has (or must set up) 2FA. `pending`: an expired
   * password's replacement and the hash it replaces, which the challenge carries and sets once
   * completed (only over that hash).
   */
  secondStep: (
    userId: string,
    pending?: { passwordHash: string; replaces: string },
  ) => Promise<SecondStep | null>;
  /** Why the password step would refuse this person now (the sign-in slice), or null. */
  entryRefusal: (userId: string) => Promise<AppError | null>;
}) {
  const { store, clock, config, hasher, checker, sessions, mailer, audit } = deps;
  const limits = { min: config.passwordMinLength, max: config.passwordMaxLength };
  const previousToCheck = config.passwordHistory - 1; // the current one + N-1 before it

  async function issueToken(db: Kysely<Database>, userId: string, purpose: TokenPurpose, ttlMs: number) {
    const token = generateToken();
    const now = clock.now();
    await replaceUserToken(db, {
      id: newId(),
      userId,
      purpose,
      tokenHash: hashToken(token),
      now,
      expiresAt: now + ttlMs,
    });
    return token;
  }

  /** Applies the rules to a new password; returns its hash, or throws weak_password / password_reused. */
  async function acceptNewPassword(user: PasswordOwner, password: string): Promise<string> {
    const assessment = await checker.assess(password, { email: user.email, name: user.name });
    if (!assessment.ok) throw passwordErrors.weakPassword(assessment, limits);
    const recent = await findRecentPasswordHashes(store.db, user.id, previousToCheck);
    const reused = await Promise.all(recent.map((h) => hasher.verify(h, password)));
    if (reused.some(Boolean)) throw passwordErrors.passwordReused(config.passwordHistory);
    return hasher.hash(password);
  }

  /**
   * The common tail of every password change, inside the caller's transaction. With `replaces` (see
   * updateUserPassword), nothing is done and false returned when that is no longer the password.
   */
  async function applyNewPassword(
    trx: Kysely<Database>,
    args: {
      user: PasswordOwner & { language: 'fr' | 'en' };
      passwordHash: string;
      how: 'reset' | 'expired_change' | 'account_page';
      context: RequestContext;
      keepSessionId?: string;
      replaces?: string;
    },
  ): Promise<boolean> {
    const now = clock.now();
    const { applied, reenabled } = await updateUserPassword(trx, {
      userId: args.user.id,
      passwordHash: args.passwordHash,
      now,
      reenable: args.how === 'reset',
      ...(args.replaces !== undefined ? { replaces: args.replaces } : {}),
    });
    if (!applied) return false;
    const ended = await sessions.endAllOfUser(trx, args.user.id, args.keepSessionId);
    // Every way to set a password without knowing the new one ends with it: pending reset links and
    // an expired password's change token (else, after the owner's reset, whoever signed in with the
    // old expired password could still set theirs).
    await deleteUserTokens(trx, args.user.id, 'password_reset');
    await deleteUserTokens(trx, args.user.id, 'password_expired_change');
    // Second steps begun with the old password end too (an expired password's replacement waiting on
    // one included): the old password must not finish a sign-in after the owner changed it.
    await deleteChallengesOfUser(trx, args.user.id);
    // A new password is often the owner's answer to a doubt (a shared front-desk computer): the
    // devices trusted to skip the second factor must give it again.
    const devicesForgotten = await deleteTrustedDevicesOfUser(trx, args.user.id);
    await audit(trx, {
      actor: { type: 'user', id: args.user.id },
      action: 'password.changed',
      target: { type: 'user', id: args.user.id },
      context: args.context,
      details: { how: args.how, sessionsEnded: ended, reenabled, devicesForgotten },
    });
    if (reenabled) {
      await audit(trx, {
        actor: { type: 'user', id: args.user.id },
        action: 'account.enabled',
        target: { type: 'user', id: args.user.id },
        context: args.context,
        details: { by: 'password_reset' },
      });
    }
    await mailer.enqueue(trx, {
      to: args.user.email,
      language: args.user.language,
      template: 'password_changed',
      vars: { name: args.user.name, at: new Date(now).toISOString(), ip: args.context.ip, how: args.how },
    });
    return true;
  }

  /**
   * Sets an expired password's replacement if the password is still the expired one; else nothing
   * changes and the refusal the password step would now give (disabled, or a password changed or
   * reset meanwhile, which the old password must not undo) is audited and thrown.
   */
  async function replaceExpired(
    user: PasswordOwner & { language: 'fr' | 'en' },
    change: { passwordHash: string; replaces: string },
    context: RequestContext,
  ) {
    const refusal = await store.db.transaction().execute(async (trx) => {
      const applied = await applyNewPassword(trx, {
        user,
        passwordHash: change.passwordHash,
        how: 'expired_change',
        context,
        replaces: change.replaces,
      });
      return applied ? undefined : refusalForChangedMeanwhile(trx, audit, user.id, context);
    });
    if (refusal) throw refusal;
    deps.onMailQueued();
  }

  /**
   * An account-page change not written because the password changed meanwhile. A reset ends every
   * session and another page's change all but its own: then sign in again, told why (401). The
   * same session's other change (two tabs) leaves it open: 409, saying so. A disabled account's
   * sessions are gone too: 401, and the sign-in page says why it is disabled.
   */
  async function changeRefusedMeanwhile(session: ActiveSession) {
    if ((await findUserStatusById(store.db, session.userId))?.status !== 'active')
      return new AppError('unauthenticated', 401, { details: { reason: 'missing' } });
    if (await sessionExists(store.db, session.id)) return new AppError('password_changed_meanwhile', 409);
    return new AppError('unauthenticated', 401, {
      messageKey: 'password_changed_meanwhile',
      details: { reason: 'password_changed' },
    });
  }

  /** The refusal the password step would now give (see changed-meanwhile.ts), audited. */
  function refuseChangedMeanwhile(userId: string, context: RequestContext) {
    return store.db.transaction().execute((trx) => refusalForChangedMeanwhile(trx, audit, userId, context));
  }

  /** Issues a reset link and queues its e-mail: in `trx` when given (the caller commits), else alone. */
  async function sendResetLink(
    user: { id: string; email: string; name: string; language: 'fr' | 'en' },
    by: { actor: { type: 'anonymous' | 'user'; id?: string }; propertyId?: string; context: RequestContext },
    inTransaction?: Kysely<Database>,
  ) {
    const write = async (trx: Kysely<Database>) => {
      const token = await issueToken(trx, user.id, 'password_reset', config.resetTokenTtl);
      await audit(trx, {
        actor: by.actor,
        action: by.actor.type === 'anonymous' ? 'password_reset.requested' : 'password_reset.sent_by_manager',
        target: { type: 'user', id: user.id },
        propertyId: by.propertyId,
        context: by.context,
        details: { known: true },
      });
      await mailer.enqueue(trx, {
        to: user.email,
        language: user.language,
        template: 'password_reset',
        // The token travels in the fragment: browsers never send it to a server or in a Referer.
        vars: {
          name: user.name,
          link: `${config.publicUrl}/reset-password#token=${token}`,
          minutes: Math.round(config.resetTokenTtl / 60_000),
        },
      });
    };
    if (inTransaction) return write(inTransaction);
    await store.db.transaction().execute(write);
    deps.onMailQueued();
  }

  return {
    /** POST /auth/password-reset: the same answer and the same work whatever the e-mail. */
    async requestReset(rawEmail: string, context: RequestContext): Promise<void> {
      const email = normalizeEmail(rawEmail);
      // Each limit counts the request and answers in one atomic step (see shared/limiter.ts). The
      // address is counted only once the IP may ask: an IP over its own limit cannot use up the
      // limits of the addresses it names (and so block their owners' resets).
      const ipWait = await deps.resetLimits.perIp.take(context.ip ? ipKey(context.ip) : 'unknown');
      if (ipWait > 0) throw signInErrors.rateLimited(ipWait);
      // Beyond an address's limit the answer stays 202 and nothing more is sent: a 429 there told the
      // owner, asking from their own network, that their network had asked too often — while
      // someone elsewhere had used up their address's limit on purpose.
      if ((await deps.resetLimits.perAddress.take(email)) > 0) return;
      const now = clock.now();
      await insertJob(store.db, {
        type: RESET_JOB,
        payload: { email, ip: context.ip, userAgent: context.userAgent },
        runAt: now,
        now,
      });
      deps.jobs.kick();
    },

    /** The job behind a reset request: a link for an existing account, nothing otherwise. */
    /** The reset-request job: its writes go through `trx`, which also completes the job. */
    async handleResetRequest(payload: unknown, trx: Kysely<Database>): Promise<void> {
      const { email, ip, userAgent } = payload as {
        email: string;
        ip: string | null;
        userAgent: string | null;
      };
      const user = await findUserForSignIn(trx, email);
      const context = { ip, userAgent };
      if (!user) {
        await audit(trx, {
          actor: { type: 'anonymous' },
          action: 'password_reset.requested',
          context,
          details: { known: false },
        });
        return;
      }
      await sendResetLink(user, { actor: { type: 'anonymous' }, context }, trx);
    },

    /** A user manager (or staff) sends someone a reset link. */
    async sendResetLinkFor(
      userId: string,
      by: { actorId: string; propertyId: string; context: RequestContext },
    ) {
      const user = await findUserProfileById(store.db, userId);
      if (!user) return;
      // The same per-address limit as the public form: a double click or a script of a manager's must
      // not fill a colleague's mailbox with links, each voiding the one before.
      const wait = await deps.resetLimits.perAddress.take(user.email);
      if (wait > 0) throw signInErrors.rateLimited(wait, 'rate_limited_reset_links');
      await sendResetLink(user, {
        actor: { type: 'user', id: by.actorId },
        propertyId: by.propertyId,
        context: by.context,
      });
    },

    /** The password rules for a brand-new account (invitations). */
    assessForNewAccount: (password: string, context: { email: string; name: string }) =>
      checker.assess(password, context),

    async confirmReset(token: string, password: string, context: RequestContext): Promise<void> {
      const live = await findLiveToken(store.db, {
        tokenHash: hashToken(token),
        purpose: 'password_reset',
        now: clock.now(),
      });
      if (!live) throw passwordErrors.invalidToken();
      const user = { id: live.userId, email: live.email, name: live.name, language: live.language };
      const passwordHash = await acceptNewPassword(user, password);
      await store.db.transaction().execute(async (trx) => {
        // The person's row first, as every password change takes it (see lockUserRow).
        await lockUserRow(trx, user.id);
        // Single use across nodes: only the request that deletes the row goes on.
        if (!(await consumeToken(trx, { tokenId: live.tokenId, now: clock.now() })))
          throw passwordErrors.invalidToken();
        await applyNewPassword(trx, { user, passwordHash, how: 'reset', context });
      });
      deps.onMailQueued();
    },

    /** Called by sign-in when the correct password has expired: a token instead of a session. */
    async issueExpiredChangeToken(
      userId: string,
      context: RequestContext,
      checkedHash?: string,
    ): Promise<string> {
      const issued = await store.db.transaction().execute(async (trx) => {
        // The right password, even expired, ends a run of wrong ones (7 wrong passwords *in a row*),
        // unless the account was disabled meanwhile.
        if (!(await resetFailedAttempts(trx, { userId, now: clock.now(), passwordHash: checkedHash })))
          return { refusal: await refusalForChangedMeanwhile(trx, audit, userId, context) };
        const token = await issueToken(trx, userId, 'password_expired_change', CHANGE_TOKEN_TTL_MS);
        await audit(trx, {
          actor: { type: 'user', id: userId },
          action: 'sign_in.password_expired',
          target: { type: 'user', id: userId },
          context,
        });
        return { token };
      });
      if ('refusal' in issued) throw issued.refusal;
      return issued.token;
    },

    /** POST /auth/password-expired/change: new password, then a normal sign-in. */
    async changeExpired(
      changeToken: string,
      password: string,
      context: RequestContext,
    ): Promise<{ sessionToken: string } | { second: SecondStep }> {
      const live = await findLiveToken(store.db, {
        tokenHash: hashToken(changeToken),
        purpose: 'password_expired_change',
        now: clock.now(),
      });
      if (!live) throw passwordErrors.invalidToken();
      const user = { id: live.userId, email: live.email, name: live.name, language: live.language };
      const passwordHash = await acceptNewPassword(user, password);
      // Single use across nodes: only the request that deletes the row goes on. A password change
      // deletes this link, so the hash read just before is the expired one it was issued for.
      const expiredHash = await findPasswordHashById(store.db, user.id);
      if (!expiredHash || !(await consumeToken(store.db, { tokenId: live.tokenId, now: clock.now() })))
        throw passwordErrors.invalidToken();
      // The password step let this person in a while ago: an account disabled (or a property
      // suspended) since then gets the answer the password step now gives, and no new password.
      const refusal = await deps.entryRefusal(user.id);
      if (refusal) throw refusal;
      // A new password never skips the second factor, and waits for it: the old, expired password
      // alone must not replace the password, end the owner's sessions or mail them. The challenge
      // carries the new password's hash and sets it once completed (applyPendingPassword).
      const second = await deps.secondStep(user.id, { passwordHash, replaces: expiredHash });
      if (second) {
        // The challenge carries the hash it replaces, so a reset made meanwhile stands whatever comes
        // first; one already committed is told now rather than after the second factor.
        if ((await findPasswordHashById(store.db, user.id)) !== expiredHash)
          throw await refuseChangedMeanwhile(user.id, context);
        return { second };
      }
      await replaceExpired(user, { passwordHash, replaces: expiredHash }, context);
      const session = await sessions.openAfterSignIn(
        user.id,
        context,
        { after: 'password_expired_change' },
        passwordHash,
      );
      return { sessionToken: session.token };
    },

    /**
     * An expired password's replacement, set once the second factor of its challenge is given, if the
     * password is still the expired one (`replaces`); otherwise the refusal the password step now gives.
     */
    async applyPendingPassword(
      userId: string,
      change: { passwordHash: string; replaces: string },
      context: RequestContext,
    ) {
      const user = await findUserProfileById(store.db, userId);
      if (!user) throw signInErrors.invalidCredentials();
      await replaceExpired(user, change, context);
    },

    /** The account page: needs the current password; ends the other sessions, keeps this one. */
    async changePassword(session: ActiveSession, current: string, next: string, context: RequestContext) {
      const user = await findUserForSignIn(store.db, session.user.email);
      if (
        !user?.password_hash ||
        !(await checkCurrentPassword(
          deps.currentPasswordLimiter,
          hasher,
          session.userId,
          user.password_hash,
          current,
        ))
      ) {
        await audit(store.db, {
          actor: { type: 'user', id: session.userId },
          action: 'password.change_refused',
          target: { type: 'user', id: session.userId },
          context,
          details: { reason: 'invalid_current_password' },
        });
        throw passwordErrors.invalidCurrentPassword();
      }
      const owner = { id: user.id, email: user.email, name: user.name, language: user.language };
      const passwordHash = await acceptNewPassword(owner, next);
      // Only over the password just checked: a reset or another change made meanwhile (while the new
      // one was being hashed) stands, and the one typed here is no longer the current password.
      const applied = await store.db.transaction().execute(async (trx) => {
        const done = await applyNewPassword(trx, {
          user: owner,
          passwordHash,
          how: 'account_page',
          context,
          keepSessionId: session.id,
          replaces: user.password_hash as string,
        });
        if (!done)
          await audit(trx, {
            actor: { type: 'user', id: session.userId },
            action: 'password.change_refused',
            target: { type: 'user', id: session.userId },
            context,
            details: { reason: 'changed_meanwhile' },
          });
        return done;
      });
      if (!applied) throw await changeRefusedMeanwhile(session);
      deps.onMailQueued();
    },

    /** For the strength meter: the assessment with the person's own context when known. */
    async assess(
      password: string,
      who: { token?: string; session?: ActiveSession },
    ): Promise<PasswordAssessment> {
      let context: { email?: string; name?: string } = {};
      if (who.session) context = { email: who.session.user.email, name: who.session.user.name };
      else if (who.token) {
        const now = clock.now();
        const tokenHash = hashToken(who.token);
        const live =
          (await findLiveToken(store.db, { tokenHash, purpose: 'password_reset', now })) ??
          (await findLiveToken(store.db, { tokenHash, purpose: 'password_expired_change', now }));
        if (live) context = { email: live.email, name: live.name };
        else {
          // An invitee choosing a first password: their e-mail (and name, when the inviter gave it).
          const invitation = await findInvitationByTokenHash(store.db, { tokenHash, now });
          if (invitation) context = { email: invitation.email, name: invitation.name ?? undefined };
        }
      }
      return checker.assess(password, context);
    },

    /** Expiry reminders and the "expired" notice, each sent once per password (any number of nodes). */
    async sendExpiryNotices(): Promise<number> {
      const now = clock.now();
      const reminderDays = [...config.passwordReminderDays].sort((a, b) => a - b); // most urgent first
      let sent = 0;
      for (const daysBefore of [0, ...reminderDays]) {
        const due = await findUsersDueForExpiryNotice(store.db, {
          now,
          maxAgeMs: config.passwordMaxAge,
          daysBefore,
          limit: 500,
        });
        for (const user of due) {
          const changedAt = user.password_changed_at as number;
          const expiresAt = changedAt + config.passwordMaxAge;
          const queued = await store.db.transaction().execute(async (trx) => {
            if (
              !(await insertExpiryNotice(trx, {
                userId: user.id,
                passwordChangedAt: changedAt,
                daysBefore,
                now,
              }))
            )
              return false;
            // Catching up after downtime: the later (less urgent) notices are no longer worth sending.
            for (const later of reminderDays.filter((d) => d > daysBefore)) {
              await insertExpiryNotice(trx, {
                userId: user.id,
                passwordChangedAt: changedAt,
                daysBefore: later,
                now,
              });
            }
            const maxAgeDays = Math.round(config.passwordMaxAge / DAY_MS);
            if (daysBefore === 0) {
              await mailer.enqueue(trx, {
                to: user.email,
                language: user.language,
                template: 'password_expired',
                vars: { name: user.name, maxAgeDays },
              });
            } else {
              await mailer.enqueue(trx, {
                to: user.email,
                language: user.language,
                template: 'password_expiry_reminder',
                vars: {
                  name: user.name,
                  days: Math.max(1, Math.ceil((expiresAt - now) / DAY_MS)),
                  expiresAt: new Date(expiresAt).toISOString(),
                  maxAgeDays,
                },
              });
            }
            await audit(trx, {
              actor: { type: 'system' },
              action: daysBefore === 0 ? 'password.expired_notice_sent' : 'password.expiry_reminder_sent',
              target: { type: 'user', id: user.id },
              details: { daysBefore },
            });
            return true;
          });
          if (queued) sent++;
        }
      }
      if (sent) deps.onMailQueued();
      return sent;
    },
  };
}

export type PasswordsService = ReturnType<typeof createPasswordsService>;

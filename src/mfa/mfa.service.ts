/**
 * Two-factor authentication (SPEC §2):
 * - factors: authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, ±1 step, a used code is
 *   refused), passkeys (WebAuthn), one-time e-mail codes (6 digits, 10 min, single use, 5 tries),
 *   10 single-use recovery codes stored as hashes;
 * - a correct password yields a challenge (5 min, bound to that sign-in); 5 wrong codes void it and
 *   tell the user, and never disable the account (second-factor failures are counted apart from the
 *   password lockout — unlike Keycloak's shared counter, keycloak#46164);
 * - "trust this device" for 30 days: a random, revocable token in a cookie, stored as a hash;
 * - adding or removing a factor needs a password confirmed in the last 10 minutes.
 */
import { createHash, randomInt } from 'node:crypto';
import type * as WebAuthn from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import * as OTPAuth from 'otpauth';
import type QRCodeModule from 'qrcode';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Database, MfaFactorsTable } from '../db/types.js';
import type { AppError } from '../errors.js';
import type { Mailer } from '../notifications/notifications.service.js';
import { checkCurrentPassword, type PasswordHasher } from '../passwords/hashing.js';
import { passwordErrors } from '../passwords/passwords.errors.js';
import type { ActiveSession, SessionService } from '../sessions/sessions.service.js';
import type { Clock } from '../shared/clock.js';
import { ipKey, type Limiter } from '../shared/limiter.js';
import type { SecretBox } from '../shared/secret-box.js';
import { generateToken, hashToken, newId } from '../shared/tokens.js';
import { refusalForChangedMeanwhile } from '../sign-in/changed-meanwhile.js';
import { signInErrors } from '../sign-in/sign-in.errors.js';
import {
  findPasswordHashById,
  findUserForSignIn,
  findUserProfileById,
  findUserStatusById,
  lockUserRow,
} from '../users/users.queries.js';
import { mfaErrors } from './mfa.errors.js';
import {
  consumeRecoveryCode,
  consumeTotpStep,
  countUnusedRecoveryCodes,
  deleteAllSecondFactors,
  deleteChallenge,
  deleteChallengesOfUser,
  deleteEnrolment,
  deleteFactor,
  deleteTrustedDevice,
  findFactorByCredentialId,
  findFactorsOfUser,
  findLiveChallenge,
  findReauthenticatedAt,
  findTrustedDevice,
  findTrustedDevicesOfUser,
  findUsersWithFactors,
  insertChallenge,
  insertEnrolment,
  insertFactor,
  insertTrustedDevice,
  replaceRecoveryCodes,
  setReauthenticated,
  takeChallengeAttempt,
  takeEnrolment,
  updateChallenge,
  updateWebauthnCounter,
  usersRequiringTwoFactor,
} from './mfa.queries.js';
import { adoptKey, keyCheckState, storedSecretsProblem, unreadableTotpFactors } from './sealing-key.js';

/**
 * Loaded at their first use, not at start-up: the WebAuthn library (with its ASN.1 and COSE code) and
 * the QR-code maker take about 8 MB of resident memory (measured: idle node 113 → 105 MB), and a node
 * may run for days between two enrolments. The first use on a node waits ~0.25 s for the load.
 */
let webAuthnModule: Promise<typeof WebAuthn> | undefined;
const loadWebAuthn = () => {
  webAuthnModule ??= import('@simplewebauthn/server');
  return webAuthnModule;
};
let qrCodeModule: Promise<typeof QRCodeModule> | undefined;
const loadQrCode = () => {
  qrCodeModule ??= import('qrcode').then((m) => m.default);
  return qrCodeModule;
};

export const CHALLENGE_TTL_MS = 5 * 60_000;
export const MAX_CODE_FAILURES = 5;
/** Second-factor tries per person in MFA_USER_WINDOW_MS, over all their challenges (then 429). */
export const MFA_CODE_FAILURES_PER_USER = 10;
export const MFA_USER_WINDOW_MS = 15 * 60_000;
const EMAIL_CODE_TTL_MS = 10 * 60_000;
/** However many codes are e-mailed, a challenge ends this long after the password step at the latest. */
export const CHALLENGE_MAX_LIFE_MS = 15 * 60_000;
/** Verification codes e-mailed per person in MFA_USER_WINDOW_MS (then 429): no mailbox flooding. */
export const EMAIL_CODES_PER_USER = 5;
const REAUTH_WINDOW_MS = 10 * 60_000;
const ENROL_TTL_MS = 10 * 60_000;
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type Method = 'totp' | 'webauthn' | 'email' | 'recovery';

export type SecondStep =
  | { status: 'mfa_required'; challenge: string; methods: Method[] }
  | { status: 'mfa_enrolment_required'; challenge: string };

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

function totpFor(secretBase32: string, label: string, issuer: string) {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function createMfaService(deps: {
  store: Store;
  /** Counts second-factor tries per person (see MFA_CODE_FAILURES_PER_USER). */
  userLimiter: Limiter;
  /** The per-IP limit on failed sign-ins, shared with the password step. */
  ipLimiter: Limiter;
  /** Wrong current passwords per person, shared with the account page's password change. */
  currentPasswordLimiter: Limiter;
  /** Verification codes e-mailed per person (see EMAIL_CODES_PER_USER). */
  emailCodeLimiter: Limiter;
  /** Why the password step would refuse this person now (the sign-in slice), or null. */
  entryRefusal: (userId: string) => Promise<AppError | null>;
  /** Sets an expired password's replacement once its challenge is completed (the passwords slice). */
  applyPendingPassword: (
    userId: string,
    change: { passwordHash: string; replaces: string },
    context: RequestContext,
  ) => Promise<void>;
  clock: Clock;
  config: Config;
  box: SecretBox;
  hasher: PasswordHasher;
  sessions: SessionService;
  mailer: Mailer;
  audit: AuditRecorder;
  onMailQueued: () => void;
}) {
  const { store, clock, config, box, sessions, mailer, audit } = deps;
  const rpID = new URL(config.publicUrl).hostname;
  const origin = config.publicOrigin;

  async function newRecoveryCodes(db: Kysely<Database>, userId: string) {
    const codes = Array.from({ length: 10 }, () => {
      let raw = '';
      for (let i = 0; i < 12; i++) raw += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await replaceRecoveryCodes(db, {
      userId,
      hashes: codes.map((c) => sha(`${userId}:${normaliseRecovery(c)}`)),
      ids: codes.map(() => newId()),
      now: clock.now(),
    });
    return codes;
  }

  async function methodsOf(userId: string): Promise<Method[]> {
    const factors = await findFactorsOfUser(store.db, userId);
    const methods: Method[] = [];
    if (factors.some((f) => f.type === 'totp')) methods.push('totp');
    if (factors.some((f) => f.type === 'webauthn')) methods.push('webauthn');
    methods.push('email');
    if ((await countUnusedRecoveryCodes(store.db, userId)) > 0) methods.push('recovery');
    return methods;
  }

  async function challengeFor(
    userId: string,
    purpose: 'verify' | 'enrol',
    pending?: { passwordHash: string; replaces: string },
  ) {
    const token = generateToken();
    const now = clock.now();
    await insertChallenge(store.db, {
      id: newId(),
      userId,
      tokenHash: hashToken(token),
      purpose,
      now,
      expiresAt: now + CHALLENGE_TTL_MS,
      ...(pending ? { pending } : {}),
    });
    return token;
  }

  /**
   * Spends a challenge whose second factor was given (single use: only the request that deletes it
   * goes on), in `db` (the caller's transaction when the spending must go with other writes).
   * `checkedHash` is the password hash read just before: every password change deletes its person's
   * challenges, so if the delete succeeds that is still the hash the password step checked, and a
   * change made after it makes the replacement or the session refuse (their writes are conditional on
   * that hash). Returns that hash.
   */
  async function spendChallenge(
    db: Kysely<Database>,
    c: { id: string },
    checkedHash: string | null,
  ): Promise<string> {
    if (!(await deleteChallenge(db, c.id)) || !checkedHash) throw mfaErrors.invalidChallenge();
    return checkedHash;
  }

  /**
   * After the challenge is spent: sets the expired password's replacement it may carry, only over the
   * hash the challenge says it replaces (a reset made since, even one the challenge was created after,
   * stands); returns the password hash the session is to be opened on.
   */
  async function afterChallenge(
    c: { user_id: string; pending_password_hash: string | null; pending_replaces_hash: string | null },
    checkedHash: string,
    context: RequestContext,
  ): Promise<string> {
    if (!c.pending_password_hash) return checkedHash;
    await deps.applyPendingPassword(
      c.user_id,
      // Challenges made before the hash was kept with them: the one read before spending.
      { passwordHash: c.pending_password_hash, replaces: c.pending_replaces_hash ?? checkedHash },
      context,
    );
    return c.pending_password_hash;
  }

  async function liveChallenge(token: string, purpose?: 'verify' | 'enrol') {
    const c = await findLiveChallenge(store.db, { tokenHash: hashToken(token), now: clock.now() });
    if (!c || (purpose && c.purpose !== purpose)) throw mfaErrors.invalidChallenge();
    return c;
  }

  /**
   * A challenge is completed only if the password step would still let its person in: an account
   * disabled, or every property suspended, since the password was checked ends the challenge with
   * the answer the password step now gives. Asked before any code is checked, so no code is spent.
   */
  async function assertStillAdmitted(c: { id: string; user_id: string }, context: RequestContext) {
    const refusal = await deps.entryRefusal(c.user_id);
    if (!refusal) return;
    await store.db.transaction().execute(async (trx) => {
      await deleteChallenge(trx, c.id);
      await audit(trx, {
        actor: { type: 'user', id: c.user_id },
        action: 'sign_in.refused',
        target: { type: 'user', id: c.user_id },
        context,
        details: { reason: refusal.code, step: 'second_factor' },
      });
    });
    throw refusal;
  }

  /** A wrong code (its try already taken on the challenge): the 5th voids the challenge and tells the user. */
  async function wrongCode(
    challenge: { id: string; user_id: string },
    failures: number,
    method: Method,
    context: RequestContext,
  ): Promise<never> {
    const user = await findUserProfileById(store.db, challenge.user_id);
    await store.db.transaction().execute(async (trx) => {
      await audit(trx, {
        actor: { type: 'anonymous' },
        action: 'mfa.failed',
        target: { type: 'user', id: challenge.user_id },
        context,
        details: { failures },
      });
      if (failures === MAX_CODE_FAILURES && user) {
        await deleteChallenge(trx, challenge.id);
        await mailer.enqueue(trx, {
          to: user.email,
          language: user.language,
          template: 'mfa_notice',
          vars: { name: user.name, event: 'failures' },
        });
      }
    });
    if (failures >= MAX_CODE_FAILURES) {
      deps.onMailQueued();
      throw mfaErrors.challengeLocked();
    }
    throw mfaErrors.invalidCode(MAX_CODE_FAILURES - failures, method);
  }

  /** An authenticator-app secret opened with this node's key, or undefined when the key does not open it. */
  function openSecret(sealed: string): string | undefined {
    try {
      return box.open(sealed);
    } catch {
      return undefined;
    }
  }

  async function checkTotp(userId: string, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    let unreadable = 0;
    for (const f of (await findFactorsOfUser(store.db, userId)).filter(
      (x) => x.type === 'totp' && x.secret_enc,
    )) {
      const secret = openSecret(f.secret_enc as string);
      if (secret === undefined) {
        unreadable++;
        continue;
      }
      const totp = totpFor(secret, '', config.productName);
      const now = clock.now();
      const delta = totp.validate({ token: code, timestamp: now, window: 1 });
      if (delta === null) continue;
      const step = Math.floor(now / 30_000) + delta;
      // RFC 6238 §5.2: a code that was already accepted is not accepted again.
      if (await consumeTotpStep(store.db, { factorId: f.id, step, now })) return true;
    }
    // No code could be checked against an app this node cannot read: not the person's mistake.
    if (unreadable > 0) throw mfaErrors.appUnavailable();
    return false;
  }

  /** Stores a new factor; the first one also brings the 10 recovery codes (shown once). */
  async function addFactor(
    userId: string,
    factor: Omit<MfaFactorsTable, 'id' | 'user_id' | 'created_at'>,
    enrolmentId: string,
    context: RequestContext,
    /** Runs first in the factor's transaction; throws to add nothing. */
    first?: (trx: Kysely<Database>) => Promise<void>,
  ) {
    const hadFactors = (await findFactorsOfUser(store.db, userId)).length > 0;
    return store.db.transaction().execute(async (trx) => {
      await first?.(trx);
      const factorId = newId();
      await insertFactor(trx, { ...factor, id: factorId, user_id: userId, created_at: clock.now() });
      await deleteEnrolment(trx, enrolmentId);
      const recoveryCodes = hadFactors ? null : await newRecoveryCodes(trx, userId);
      await audit(trx, {
        actor: { type: 'user', id: userId },
        action: 'mfa.factor_added',
        target: { type: 'user', id: userId },
        context,
        details: { type: factor.type },
      });
      await notice(trx, userId, 'factor_added');
      return { factorId, recoveryCodes };
    });
  }

  async function requireRecentPassword(session: ActiveSession) {
    const at = await findReauthenticatedAt(store.db, session.id);
    if (at === null || clock.now() - at > REAUTH_WINDOW_MS) throw mfaErrors.reauthenticationRequired();
  }

  async function notice(
    db: Kysely<Database>,
    userId: string,
    event: 'factor_added' | 'factor_removed' | 'reset' | 'app_unreadable' | 'recovery_codes',
    by?: string,
  ) {
    const user = await findUserProfileById(db, userId);
    if (user)
      await mailer.enqueue(db, {
        to: user.email,
        language: user.language,
        template: 'mfa_notice',
        vars: { name: user.name, event, by },
      });
  }

  return {
    /**
     * After a correct password: null when no second step is needed (no factor), 'trusted_device' when
     * a device trusted for 30 days stands in for it, otherwise the challenge to complete.
     */
    async secondStep(
      userId: string,
      trustedDeviceToken: string | undefined,
      /** An expired password's replacement and the hash it replaces (see challengeFor). */
      pending?: { passwordHash: string; replaces: string },
    ): Promise<SecondStep | 'trusted_device' | null> {
      const factors = await findFactorsOfUser(store.db, userId);
      if (!factors.length) {
        if (await usersRequiringTwoFactor(store.db, userId))
          return {
            status: 'mfa_enrolment_required',
            challenge: await challengeFor(userId, 'enrol', pending),
          };
        return null;
      }
      if (
        trustedDeviceToken &&
        (await findTrustedDevice(store.db, {
          userId,
          tokenHash: hashToken(trustedDeviceToken),
          now: clock.now(),
        }))
      ) {
        return 'trusted_device';
      }
      return {
        status: 'mfa_required',
        challenge: await challengeFor(userId, 'verify', pending),
        methods: await methodsOf(userId),
      };
    },

    async sendEmailCode(challengeToken: string, context: RequestContext) {
      const c = await liveChallenge(challengeToken, 'verify');
      const user = await findUserProfileById(store.db, c.user_id);
      if (!user) throw mfaErrors.invalidChallenge();
      const now = clock.now();
      const lastMoment = c.created_at + CHALLENGE_MAX_LIFE_MS;
      // A challenge in its last minute can no longer wait for an e-mail: the person signs in again.
      if (lastMoment - now < 60_000) throw mfaErrors.invalidChallenge();
      // Counted per person, across challenges: whoever holds the password must not flood the mailbox.
      const wait = await deps.emailCodeLimiter.take(c.user_id);
      if (wait > 0) throw signInErrors.rateLimited(wait, 'rate_limited_email_codes');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // Someone waiting for an e-mail gets the code's 10 minutes, not the 5 of the password step, but
      // resending does not keep a challenge alive for ever.
      const expiresAt = Math.min(now + EMAIL_CODE_TTL_MS, lastMoment);
      await store.db.transaction().execute(async (trx) => {
        await updateChallenge(trx, c.id, {
          email_code_hash: sha(`${c.id}:${code}`),
          email_code_expires_at: expiresAt,
          email_code_attempts: 0,
          expires_at: expiresAt,
        });
        await audit(trx, {
          actor: { type: 'anonymous' },
          action: 'mfa.email_code_sent',
          target: { type: 'user', id: c.user_id },
          context,
        });
        await mailer.enqueue(trx, {
          to: user.email,
          language: user.language,
          template: 'mfa_email_code',
          vars: { name: user.name, code, minutes: Math.max(1, Math.floor((expiresAt - now) / 60_000)) },
        });
      });
      deps.onMailQueued();
    },

    async webauthnOptions(challengeToken: string) {
      const c = await liveChallenge(challengeToken, 'verify');
      const factors = (await findFactorsOfUser(store.db, c.user_id)).filter((f) => f.type === 'webauthn');
      if (!factors.length) throw mfaErrors.methodUnavailable();
      const { generateAuthenticationOptions } = await loadWebAuthn();
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: 'preferred',
        allowCredentials: factors.map((f) => ({
          id: f.credential_id as string,
          transports: f.transports ? JSON.parse(f.transports) : undefined,
        })),
      });
      await updateChallenge(store.db, c.id, { webauthn_challenge: options.challenge });
      return options;
    },

    /** Completes a sign-in challenge; returns the new session and, if asked, a trusted-device token. */
    async verify(
      input: {
        challenge: string;
        method: Method;
        code?: string;
        assertion?: AuthenticationResponseJSON;
        trustDevice?: boolean;
      },
      context: RequestContext,
    ) {
      const c = await liveChallenge(input.challenge, 'verify');
      await assertStillAdmitted(c, context);
      const now = clock.now();
      if (input.method === 'email' && (!c.email_code_hash || (c.email_code_expires_at ?? 0) <= now)) {
        throw mfaErrors.emailCodeNotSent();
      }
      // Counted for the network (the per-IP limit on failed sign-ins: whoever holds many leaked
      // passwords must not guess codes on every account from one place), for the person, then on the
      // challenge; all given back on success or when no code was checked.
      const ipLimitKey = context.ip ? ipKey(context.ip) : undefined;
      if (ipLimitKey) {
        const ipWait = await deps.ipLimiter.take(ipLimitKey);
        if (ipWait > 0) throw signInErrors.rateLimited(ipWait);
      }
      const giveBackIp = async () => {
        if (ipLimitKey) await deps.ipLimiter.giveBack(ipLimitKey);
      };
      const wait = await deps.userLimiter.take(c.user_id);
      if (wait > 0) {
        await giveBackIp();
        throw signInErrors.rateLimited(wait, 'rate_limited_account');
      }
      const attempt = await takeChallengeAttempt(store.db, { id: c.id, max: MAX_CODE_FAILURES });
      if (attempt === undefined) {
        // No code was checked (the challenge was used up or ended meanwhile): the tries are theirs.
        await deps.userLimiter.giveBack(c.user_id);
        await giveBackIp();
        throw mfaErrors.invalidChallenge();
      }
      let ok = false;
      if (input.method === 'totp') ok = await checkTotp(c.user_id, input.code ?? '');
      else if (input.method === 'recovery') {
        ok = await consumeRecoveryCode(store.db, {
          userId: c.user_id,
          hash: sha(`${c.user_id}:${normaliseRecovery(input.code ?? '')}`),
          now,
        });
      } else if (input.method === 'email') {
        ok = sha(`${c.id}:${input.code ?? ''}`) === c.email_code_hash;
        if (ok) await updateChallenge(store.db, c.id, { email_code_hash: null });
      } else if (input.method === 'webauthn') {
        const factors = (await findFactorsOfUser(store.db, c.user_id)).filter((f) => f.type === 'webauthn');
        const factor = factors.find((f) => f.credential_id === input.assertion?.id);
        if (factor && input.assertion && c.webauthn_challenge) {
          const { verifyAuthenticationResponse } = await loadWebAuthn();
          try {
            const result = await verifyAuthenticationResponse({
              response: input.assertion,
              expectedChallenge: c.webauthn_challenge,
              expectedOrigin: origin,
              expectedRPID: rpID,
              credential: {
                id: factor.credential_id as string,
                publicKey: new Uint8Array(Buffer.from(factor.public_key as string, 'base64url')),
                counter: factor.counter ?? 0,
              },
              requireUserVerification: false,
            });
            ok = result.verified;
            if (ok)
              await updateWebauthnCounter(store.db, {
                factorId: factor.id,
                counter: result.authenticationInfo.newCounter,
                now,
              });
          } catch {
            ok = false;
          }
        }
      }
      if (!ok) return wrongCode(c, attempt, input.method, context);
      await deps.userLimiter.giveBack(c.user_id);
      await giveBackIp();
      // Single use: only the request that ends the challenge opens a session.
      const checkedHash = await spendChallenge(store.db, c, await findPasswordHashById(store.db, c.user_id));
      const sessionHash = await afterChallenge(c, checkedHash, context);
      const session = await sessions.openAfterSignIn(
        c.user_id,
        context,
        { secondFactor: input.method },
        sessionHash,
      );
      let trustedDeviceToken: string | undefined;
      if (input.trustDevice) {
        const token = generateToken();
        const deviceId = newId();
        await store.db.transaction().execute(async (trx) => {
          await insertTrustedDevice(trx, {
            id: deviceId,
            userId: c.user_id,
            tokenHash: hashToken(token),
            userAgent: context.userAgent,
            now,
            expiresAt: now + config.trustedDeviceDays * 86_400_000,
          });
          await audit(trx, {
            actor: { type: 'user', id: c.user_id },
            action: 'mfa.device_trusted',
            target: { type: 'user', id: c.user_id },
            context,
            details: { deviceId, days: config.trustedDeviceDays },
          });
        });
        trustedDeviceToken = token;
      }
      return {
        sessionToken: session.token,
        trustedDeviceToken,
        recoveryCodesLeft: await countUnusedRecoveryCodes(store.db, c.user_id),
      };
    },

    /** Confirms the password of a signed-in person, for the next 10 minutes of factor changes. */
    async reauthenticate(session: ActiveSession, password: string, context: RequestContext) {
      const user = await findUserForSignIn(store.db, session.user.email);
      if (
        !user?.password_hash ||
        !(await checkCurrentPassword(
          deps.currentPasswordLimiter,
          deps.hasher,
          session.userId,
          user.password_hash,
          password,
        ))
      ) {
        await audit(store.db, {
          actor: { type: 'user', id: session.userId },
          action: 'reauth.failed',
          target: { type: 'user', id: session.userId },
          context,
        });
        throw passwordErrors.invalidCurrentPassword();
      }
      await store.db.transaction().execute(async (trx) => {
        await setReauthenticated(trx, { sessionId: session.id, now: clock.now() });
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'reauth.succeeded',
          target: { type: 'user', id: session.userId },
          context,
        });
      });
    },

    async overview(session: ActiveSession) {
      const factors = await findFactorsOfUser(store.db, session.userId);
      return {
        factors: factors.map((f) => ({
          id: f.id,
          type: f.type,
          name: f.name,
          createdAt: f.created_at,
          lastUsedAt: f.last_used_at,
        })),
        recoveryCodesLeft: await countUnusedRecoveryCodes(store.db, session.userId),
        trustedDevices: await findTrustedDevicesOfUser(store.db, {
          userId: session.userId,
          now: clock.now(),
        }),
        requiredByProperty: await usersRequiringTwoFactor(store.db, session.userId),
      };
    },

    /** Step 1 of an authenticator-app enrolment: a secret shown as a QR code and as text. */
    async startTotp(userId: string, email: string) {
      const secret = new OTPAuth.Secret({ size: 20 });
      const totp = totpFor(secret.base32, email, config.productName);
      const id = newId();
      const now = clock.now();
      await insertEnrolment(store.db, {
        id,
        userId,
        type: 'totp',
        secretEnc: box.seal(secret.base32),
        webauthnChallenge: null,
        now,
        expiresAt: now + ENROL_TTL_MS,
      });
      const uri = totp.toString();
      return {
        enrolmentId: id,
        secret: secret.base32,
        otpauthUri: uri,
        qrCode: await (await loadQrCode()).toDataURL(uri, { margin: 1, width: 220 }),
      };
    },

    /** Step 2: the first code proves the app has the secret; the first factor also brings recovery codes. */
    async confirmTotp(
      userId: string,
      input: { enrolmentId: string; code: string; name: string },
      context: RequestContext,
      /** See addFactor. */
      first?: (trx: Kysely<Database>) => Promise<void>,
    ) {
      const enrolment = await takeEnrolment(store.db, { id: input.enrolmentId, userId, now: clock.now() });
      if (enrolment?.type !== 'totp' || !enrolment.secret_enc) throw mfaErrors.invalidChallenge();
      const secret = openSecret(enrolment.secret_enc);
      if (secret === undefined) throw mfaErrors.appUnavailable();
      const totp = totpFor(secret, '', config.productName);
      const now = clock.now();
      const delta = /^\d{6}$/.test(input.code)
        ? totp.validate({ token: input.code, timestamp: now, window: 1 })
        : null;
      if (delta === null) throw mfaErrors.invalidEnrolmentCode();
      return addFactor(
        userId,
        {
          type: 'totp',
          name: input.name,
          secret_enc: enrolment.secret_enc,
          last_used_step: Math.floor(now / 30_000) + delta,
          credential_id: null,
          public_key: null,
          counter: null,
          transports: null,
          last_used_at: now,
        },
        enrolment.id,
        context,
        first,
      );
    },

    async startWebauthn(user: { id: string; email: string; name: string }) {
      const existing = (await findFactorsOfUser(store.db, user.id)).filter((f) => f.type === 'webauthn');
      const { generateRegistrationOptions } = await loadWebAuthn();
      const options = await generateRegistrationOptions({
        rpName: config.productName,
        rpID,
        userName: user.email,
        userDisplayName: user.name,
        userID: new TextEncoder().encode(user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((f) => ({ id: f.credential_id as string })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      const id = newId();
      const now = clock.now();
      await insertEnrolment(store.db, {
        id,
        userId: user.id,
        type: 'webauthn',
        secretEnc: null,
        webauthnChallenge: options.challenge,
        now,
        expiresAt: now + ENROL_TTL_MS,
      });
      return { enrolmentId: id, options };
    },

    async finishWebauthn(
      userId: string,
      input: { enrolmentId: string; response: RegistrationResponseJSON; name: string },
      context: RequestContext,
    ) {
      const enrolment = await takeEnrolment(store.db, { id: input.enrolmentId, userId, now: clock.now() });
      if (enrolment?.type !== 'webauthn' || !enrolment.webauthn_challenge) throw mfaErrors.invalidChallenge();
      const { verifyRegistrationResponse } = await loadWebAuthn();
      let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verification = await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: enrolment.webauthn_challenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: false,
        });
      } catch {
        throw mfaErrors.invalidPasskey();
      }
      if (!verification.verified) throw mfaErrors.invalidPasskey();
      const { credential } = verification.registrationInfo;
      // A credential is one person's (the column is unique): a second registration is refused plainly.
      if (await findFactorByCredentialId(store.db, credential.id)) throw mfaErrors.passkeyAlreadyRegistered();
      return addFactor(
        userId,
        {
          type: 'webauthn',
          name: input.name,
          secret_enc: null,
          last_used_step: null,
          credential_id: credential.id,
          public_key: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ? JSON.stringify(credential.transports) : null,
          last_used_at: null,
        },
        enrolment.id,
        context,
      );
    },

    requireRecentPassword,

    async removeFactor(session: ActiveSession, factorId: string, context: RequestContext) {
      await requireRecentPassword(session);
      await store.db.transaction().execute(async (trx) => {
        await lockUserRow(trx, session.userId); // in the order password changes take them
        if (!(await deleteFactor(trx, { userId: session.userId, factorId }))) throw mfaErrors.notFound();
        const left = await findFactorsOfUser(trx, session.userId);
        if (!left.length) await deleteAllSecondFactors(trx, session.userId);
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'mfa.factor_removed',
          target: { type: 'user', id: session.userId },
          context,
        });
        await notice(trx, session.userId, 'factor_removed');
      });
      deps.onMailQueued();
    },

    async regenerateRecoveryCodes(session: ActiveSession, context: RequestContext) {
      await requireRecentPassword(session);
      if (!(await findFactorsOfUser(store.db, session.userId)).length) throw mfaErrors.methodUnavailable();
      const codes = await store.db.transaction().execute(async (trx) => {
        const codes = await newRecoveryCodes(trx, session.userId);
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'mfa.recovery_codes_regenerated',
          target: { type: 'user', id: session.userId },
          context,
        });
        await notice(trx, session.userId, 'recovery_codes');
        return codes;
      });
      deps.onMailQueued();
      return codes;
    },

    async removeTrustedDevice(session: ActiveSession, id: string, context: RequestContext) {
      await store.db.transaction().execute(async (trx) => {
        if (!(await deleteTrustedDevice(trx, { userId: session.userId, id }))) throw mfaErrors.notFound();
        await audit(trx, {
          actor: { type: 'user', id: session.userId },
          action: 'mfa.device_forgotten',
          target: { type: 'user', id: session.userId },
          context,
          details: { deviceId: id },
        });
      });
    },

    /** A user manager (or staff) resets someone's 2FA: factors gone, sessions ended, the user told. */
    async resetFor(trx: Kysely<Database>, args: { userId: string; byName: string }) {
      await lockUserRow(trx, args.userId); // in the order password changes take them
      await deleteAllSecondFactors(trx, args.userId);
      await sessions.endAllOfUser(trx, args.userId);
      await notice(trx, args.userId, 'reset', args.byName);
    },

    /**
     * Completes an enrolment-at-sign-in challenge (the property requires 2FA): the person is still
     * admitted, the app's first code confirms it, then the challenge ends in a session.
     */
    async enrolAtSignIn(
      challengeToken: string,
      input: { enrolmentId: string; code: string; name: string },
      context: RequestContext,
    ) {
      const c = await liveChallenge(challengeToken, 'enrol');
      await assertStillAdmitted(c, context);
      // The challenge is spent in the factor's own transaction: a password change that ended it
      // first leaves no factor behind (nor recovery codes nobody was shown).
      const checkedHash = await findPasswordHashById(store.db, c.user_id);
      if (!checkedHash) throw mfaErrors.invalidChallenge();
      // The password this sign-in stands on must still be in force when the factor is written: a
      // reset committed after the challenge was made (so it could not delete it) must not get an
      // app attached by whoever held the old password.
      const standsOn = c.pending_replaces_hash ?? checkedHash;
      let changedMeanwhile = false;
      let factor: Awaited<ReturnType<typeof this.confirmTotp>>;
      try {
        factor = await this.confirmTotp(c.user_id, input, context, async (trx) => {
          // The person's row before the challenge, in the order password changes take them.
          await lockUserRow(trx, c.user_id);
          await spendChallenge(trx, c, checkedHash);
          const status = await findUserStatusById(trx, c.user_id);
          if (status?.status !== 'active' || (await findPasswordHashById(trx, c.user_id)) !== standsOn) {
            changedMeanwhile = true;
            throw mfaErrors.invalidChallenge();
          }
        });
      } catch (error) {
        if (!changedMeanwhile) throw error;
        throw await store.db.transaction().execute(async (trx) => {
          await deleteChallenge(trx, c.id);
          return refusalForChangedMeanwhile(trx, audit, c.user_id, context);
        });
      }
      const sessionHash = await afterChallenge(c, checkedHash, context);
      const session = await sessions.openAfterSignIn(
        c.user_id,
        context,
        { secondFactor: 'enrolled' },
        sessionHash,
      );
      return { sessionToken: session.token, recoveryCodes: factor.recoveryCodes };
    },

    /** Whose enrolment-at-sign-in this is; refused first if the password step would now refuse them. */
    async enrolmentUser(challengeToken: string, context: RequestContext) {
      const c = await liveChallenge(challengeToken, 'enrol');
      await assertStillAdmitted(c, context);
      const user = await findUserProfileById(store.db, c.user_id);
      if (!user) throw mfaErrors.invalidChallenge();
      return user;
    },

    /** At start-up: whether this node's key opens the TOTP secrets already stored (see sealing-key.ts). */
    storedSecretsProblem: () => storedSecretsProblem(store.db, box, config),
    unreadableTotpFactors: () => unreadableTotpFactors(store.db, box),
    /** Whether this key is the one the store expects (sealing-key.ts), reading only. */
    keyCheckState: () => keyCheckState(store.db, box),

    /**
     * The operator's way out when the sealing key is lost for good (`portier mfa drop-unreadable`):
     * the authenticator apps this key cannot open are removed, with the rest of a person's second
     * factors when none is left, each removal audited and its owner told by e-mail. This key then
     * becomes the one every node must use.
     */
    async dropUnreadableTotp(): Promise<Array<{ id: string; userId: string }>> {
      const byUser = new Map<string, string[]>();
      for (const f of await unreadableTotpFactors(store.db, box)) {
        const ids = byUser.get(f.userId) ?? [];
        ids.push(f.id);
        byUser.set(f.userId, ids);
      }
      const removed: Array<{ id: string; userId: string }> = [];
      for (const [userId, factorIds] of byUser) {
        await store.db.transaction().execute(async (trx) => {
          await lockUserRow(trx, userId); // in the order password changes take them
          for (const factorId of factorIds) {
            if (await deleteFactor(trx, { userId, factorId })) removed.push({ id: factorId, userId });
          }
          if (!(await findFactorsOfUser(trx, userId)).length) await deleteAllSecondFactors(trx, userId);
          await audit(trx, {
            actor: { type: 'system' },
            action: 'mfa.factor_removed',
            target: { type: 'user', id: userId },
            details: { reason: 'sealing_key_lost', factors: factorIds.length },
          });
          await notice(trx, userId, 'app_unreadable');
        });
      }
      if (byUser.size) deps.onMailQueued();
      await adoptKey(store.db, box);
      return removed;
    },

    notifyQueued: () => deps.onMailQueued(),
    /** An account was locked (inside the lockout's transaction): its second steps under way end. */
    endChallengesOf: (db: Kysely<Database>, userId: string) => deleteChallengesOfUser(db, userId),
    secondFactorUsers: (userIds: string[]) => findUsersWithFactors(store.db, userIds),
  };
}

export type MfaService = ReturnType<typeof createMfaService>;

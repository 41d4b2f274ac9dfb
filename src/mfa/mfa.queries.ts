import { type Kysely, sql } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database, MfaFactorsTable } from '../db/types.js';

const factorsOfUser = prepared((db, p: { userId: string }) =>
  db
    .selectFrom('mfa_factors')
    .select([
      'id',
      'type',
      'name',
      'secret_enc',
      'last_used_step',
      'credential_id',
      'public_key',
      'counter',
      'transports',
      'created_at',
      'last_used_at',
    ])
    .where('user_id', '=', p.userId)
    .orderBy('created_at'),
);

export async function findFactorsOfUser(db: Kysely<Database>, userId: string) {
  return factorsOfUser.all(db, { userId });
}

/** The factor (anyone's) holding a passkey credential id, if any: the column is unique. */
export async function findFactorByCredentialId(db: Kysely<Database>, credentialId: string) {
  return db
    .selectFrom('mfa_factors')
    .select(['id', 'user_id'])
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
}

export async function insertFactor(db: Kysely<Database>, factor: MfaFactorsTable) {
  await db.insertInto('mfa_factors').values(factor).execute();
}

/** Records a TOTP step as used; false when that step (or a later one) was already used (replay). */
export async function consumeTotpStep(
  db: Kysely<Database>,
  args: { factorId: string; step: number; now: number },
) {
  const result = await db
    .updateTable('mfa_factors')
    .set({ last_used_step: args.step, last_used_at: args.now })
    .where('id', '=', args.factorId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', args.step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateWebauthnCounter(
  db: Kysely<Database>,
  args: { factorId: string; counter: number; now: number },
) {
  await db
    .updateTable('mfa_factors')
    .set({ counter: args.counter, last_used_at: args.now })
    .where('id', '=', args.factorId)
    .execute();
}

export async function deleteFactor(db: Kysely<Database>, args: { userId: string; factorId: string }) {
  const r = await db
    .deleteFrom('mfa_factors')
    .where('id', '=', args.factorId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteAllSecondFactors(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('mfa_factors').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('trusted_devices').where('user_id', '=', userId).execute();
  await db.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(
  db: Kysely<Database>,
  args: { userId: string; hashes: string[]; now: number; ids: string[] },
) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', args.userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(
      args.hashes.map((h, i) => ({
        id: args.ids[i] as string,
        user_id: args.userId,
        code_hash: h,
        used_at: null,
        created_at: args.now,
      })),
    )
    .execute();
}

/** Uses a recovery code up; exactly one caller wins. */
export async function consumeRecoveryCode(
  db: Kysely<Database>,
  args: { userId: string; hash: string; now: number },
) {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: args.now })
    .where('user_id', '=', args.userId)
    .where('code_hash', '=', args.hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Kysely<Database>,
  c: {
    id: string;
    userId: string;
    tokenHash: string;
    purpose: 'verify' | 'enrol';
    now: number;
    expiresAt: number;
    /** An expired password's replacement, and the hash it may replace. */
    pending?: { passwordHash: string; replaces: string };
  },
) {
  await db
    .insertInto('mfa_challenges')
    .values({
      id: c.id,
      user_id: c.userId,
      token_hash: c.tokenHash,
      purpose: c.purpose,
      created_at: c.now,
      expires_at: c.expiresAt,
      failed_attempts: 0,
      webauthn_challenge: null,
      email_code_hash: null,
      email_code_expires_at: null,
      email_code_attempts: 0,
      pending_password_hash: c.pending?.passwordHash ?? null,
      pending_replaces_hash: c.pending?.replaces ?? null,
    })
    .execute();
}

export async function findLiveChallenge(db: Kysely<Database>, args: { tokenHash: string; now: number }) {
  return db
    .selectFrom('mfa_challenges')
    .select([
      'id',
      'user_id',
      'purpose',
      'created_at',
      'failed_attempts',
      'webauthn_challenge',
      'email_code_hash',
      'email_code_expires_at',
      'email_code_attempts',
      'pending_password_hash',
      'pending_replaces_hash',
    ])
    .where('token_hash', '=', args.tokenHash)
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
}

export async function updateChallenge(
  db: Kysely<Database>,
  id: string,
  set: Partial<{
    webauthn_challenge: string | null;
    email_code_hash: string | null;
    email_code_expires_at: number | null;
    email_code_attempts: number;
    expires_at: number;
  }>,
) {
  await db.updateTable('mfa_challenges').set(set).where('id', '=', id).execute();
}

/**
 * Takes one of a challenge's `max` tries, atomically, before its code is checked: the new count, or
 * undefined when none is left (or the challenge is gone). Taken first, so parallel guesses on one
 * challenge cannot all be checked before any is counted.
 */
export async function takeChallengeAttempt(
  db: Kysely<Database>,
  args: { id: string; max: number },
): Promise<number | undefined> {
  const row = await db
    .updateTable('mfa_challenges')
    .set({ failed_attempts: sql`failed_attempts + 1` })
    .where('id', '=', args.id)
    .where('failed_attempts', '<', args.max)
    .returning('failed_attempts')
    .executeTakeFirst();
  return row?.failed_attempts;
}

/** Ends a challenge; exactly one caller (the one that completes it) gets true. */
export async function deleteChallenge(db: Kysely<Database>, id: string) {
  const r = await db.deleteFrom('mfa_challenges').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function insertEnrolment(
  db: Kysely<Database>,
  e: {
    id: string;
    userId: string;
    type: 'totp' | 'webauthn';
    secretEnc: string | null;
    webauthnChallenge: string | null;
    now: number;
    expiresAt: number;
  },
) {
  await db
    .deleteFrom('mfa_enrolments')
    .where('user_id', '=', e.userId)
    .where('expires_at', '<=', e.now)
    .execute();
  await db
    .insertInto('mfa_enrolments')
    .values({
      id: e.id,
      user_id: e.userId,
      type: e.type,
      secret_enc: e.secretEnc,
      webauthn_challenge: e.webauthnChallenge,
      created_at: e.now,
      expires_at: e.expiresAt,
    })
    .execute();
}

export async function takeEnrolment(db: Kysely<Database>, args: { id: string; userId: string; now: number }) {
  const row = await db
    .selectFrom('mfa_enrolments')
    .select(['id', 'type', 'secret_enc', 'webauthn_challenge'])
    .where('id', '=', args.id)
    .where('user_id', '=', args.userId)
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
  return row;
}

export async function deleteEnrolment(db: Kysely<Database>, id: string) {
  await db.deleteFrom('mfa_enrolments').where('id', '=', id).execute();
}

export async function insertTrustedDevice(
  db: Kysely<Database>,
  d: {
    id: string;
    userId: string;
    tokenHash: string;
    userAgent: string | null;
    now: number;
    expiresAt: number;
  },
) {
  await db
    .insertInto('trusted_devices')
    .values({
      id: d.id,
      user_id: d.userId,
      token_hash: d.tokenHash,
      user_agent: d.userAgent,
      created_at: d.now,
      expires_at: d.expiresAt,
      last_used_at: null,
    })
    .execute();
}

export async function findTrustedDevice(
  db: Kysely<Database>,
  args: { userId: string; tokenHash: string; now: number },
) {
  return db
    .selectFrom('trusted_devices')
    .select(['id'])
    .where('user_id', '=', args.userId)
    .where('token_hash', '=', args.tokenHash)
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
}

export async function findTrustedDevicesOfUser(db: Kysely<Database>, args: { userId: string; now: number }) {
  return db
    .selectFrom('trusted_devices')
    .select(['id', 'user_agent', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', args.userId)
    .where('expires_at', '>', args.now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function deleteTrustedDevice(db: Kysely<Database>, args: { userId: string; id: string }) {
  const r = await db
    .deleteFrom('trusted_devices')
    .where('id', '=', args.id)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

const propertyRequiringTwoFactor = prepared((db, p: { userId: string }) =>
  db
    .selectFrom('memberships')
    .innerJoin('properties', 'properties.id', 'memberships.property_id')
    .select('properties.id')
    .where('memberships.user_id', '=', p.userId)
    .where('properties.require_two_factor', '=', 1)
    .limit(1),
);

export async function usersRequiringTwoFactor(db: Kysely<Database>, userId: string) {
  return !!(await propertyRequiringTwoFactor.first(db, { userId }));
}

export async function setReauthenticated(db: Kysely<Database>, args: { sessionId: string; now: number }) {
  await db
    .updateTable('sessions')
    .set({ reauthenticated_at: args.now })
    .where('id', '=', args.sessionId)
    .execute();
}

export async function findReauthenticatedAt(db: Kysely<Database>, sessionId: string) {
  const row = await db
    .selectFrom('sessions')
    .select('reauthenticated_at')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.reauthenticated_at ?? null;
}

export async function findUsersWithFactors(db: Kysely<Database>, userIds: string[]) {
  if (!userIds.length) return new Set<string>();
  const rows = await db
    .selectFrom('mfa_factors')
    .select('user_id')
    .distinct()
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Every authenticator-app factor's sealed secret (start-up checks the key opens them all). */
export async function findSealedTotpSecrets(db: Kysely<Database>) {
  return db
    .selectFrom('mfa_factors')
    .select(['id', 'user_id', 'secret_enc'])
    .where('type', '=', 'totp')
    .where('secret_enc', 'is not', null)
    .execute();
}

/** An account was locked: every second step under way ends with it. */
export async function deleteChallengesOfUser(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
}

/** A password was set: the devices trusted to skip the second factor must prove it again. */
export async function deleteTrustedDevicesOfUser(db: Kysely<Database>, userId: string) {
  const r = await db.deleteFrom('trusted_devices').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The sealed check value of the two-factor key (portier_meta), or undefined when none is stored yet. */
export async function findKeyCheck(db: Kysely<Database>, key: string) {
  const row = await db.selectFrom('portier_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Stores the check value unless another node stored one first. */
export async function insertKeyCheckIfAbsent(db: Kysely<Database>, key: string, value: string) {
  await db
    .insertInto('portier_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Makes this check value the one (the operator adopts a new key). */
export async function replaceKeyCheck(db: Kysely<Database>, key: string, value: string) {
  await db
    .insertInto('portier_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

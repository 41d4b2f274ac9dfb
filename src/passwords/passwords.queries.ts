import { type Kysely, sql } from 'kysely';
import type { Database, TokenPurpose } from '../db/types.js';
import { lockUserRow } from '../users/users.queries.js';

/** The current hash and the `previous` hashes before it, newest first (for the reuse rule). */
export async function findRecentPasswordHashes(db: Kysely<Database>, userId: string, previous: number) {
  const current = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  const history = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(previous)
    .execute();
  return [current?.password_hash, ...history.map((h) => h.password_hash)].filter((h): h is string => !!h);
}

/**
 * Sets a new password: keeps the old hash in the history, resets the failure counter and, when
 * `reenable` (a reset through the e-mailed link, which proves the mailbox: SPEC §2), re-enables an
 * account that was disabled by failed attempts (never one disabled by a person).
 *
 * With `replaces`, only if the account is active and its password is still that hash: a change that
 * stands on an earlier proof (an expired password's replacement, given when its second factor or its
 * change link is used) must not overwrite a reset or change made meanwhile. `applied` says whether
 * anything was written.
 */
export async function updateUserPassword(
  db: Kysely<Database>,
  args: { userId: string; passwordHash: string; now: number; reenable: boolean; replaces?: string },
): Promise<{ applied: boolean; reenabled: boolean }> {
  const newPassword = {
    password_hash: args.passwordHash,
    password_changed_at: args.now,
    failed_attempts: 0,
    updated_at: args.now,
  };
  if (args.replaces !== undefined) {
    const result = await db
      .updateTable('users')
      .set(newPassword)
      .where('id', '=', args.userId)
      .where('status', '=', 'active')
      .where('password_hash', '=', args.replaces)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { applied: false, reenabled: false };
    await db
      .insertInto('password_history')
      .values({ user_id: args.userId, password_hash: args.replaces, created_at: args.now })
      .execute();
    return { applied: true, reenabled: false };
  }
  const before = await db
    .selectFrom('users')
    .select(['password_hash', 'status', 'disabled_reason'])
    .where('id', '=', args.userId)
    .executeTakeFirstOrThrow();
  if (before.password_hash) {
    await db
      .insertInto('password_history')
      .values({ user_id: args.userId, password_hash: before.password_hash, created_at: args.now })
      .execute();
  }
  const reenable =
    args.reenable && before.status === 'disabled' && before.disabled_reason === 'too_many_failed_attempts';
  await db
    .updateTable('users')
    .set({
      ...newPassword,
      ...(reenable ? { status: 'active', disabled_reason: null, disabled_at: null } : {}),
    })
    .where('id', '=', args.userId)
    .execute();
  return { applied: true, reenabled: reenable };
}

/**
 * Inserts a token and voids every older token of the same purpose for that user. Run in a transaction:
 * it first locks the user's row (an update that changes nothing), so two links issued at once on
 * PostgreSQL (a double click, two nodes) take turns and the second voids the first (SQLite has one
 * writer anyway).
 */
export async function replaceUserToken(
  db: Kysely<Database>,
  token: {
    id: string;
    userId: string;
    purpose: TokenPurpose;
    tokenHash: string;
    now: number;
    expiresAt: number;
  },
) {
  await lockUserRow(db, token.userId);
  await db
    .deleteFrom('user_tokens')
    .where('user_id', '=', token.userId)
    .where('purpose', '=', token.purpose)
    .execute();
  await db
    .insertInto('user_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      purpose: token.purpose,
      token_hash: token.tokenHash,
      created_at: token.now,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The user behind a live token, without using it up. */
export async function findLiveToken(
  db: Kysely<Database>,
  args: { tokenHash: string; purpose: TokenPurpose; now: number },
) {
  return db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select([
      'user_tokens.id as tokenId',
      'users.id as userId',
      'users.email',
      'users.name',
      'users.language',
    ])
    .where('user_tokens.token_hash', '=', args.tokenHash)
    .where('user_tokens.purpose', '=', args.purpose)
    .where('user_tokens.expires_at', '>', args.now)
    .executeTakeFirst();
}

/** Uses a token up: exactly one caller, on any node, gets `true`. */
export async function consumeToken(
  db: Kysely<Database>,
  args: { tokenId: string; now: number },
): Promise<boolean> {
  const result = await db
    .deleteFrom('user_tokens')
    .where('id', '=', args.tokenId)
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteUserTokens(db: Kysely<Database>, userId: string, purpose: TokenPurpose) {
  await db.deleteFrom('user_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

export async function deleteExpiredTokens(db: Kysely<Database>, now: number) {
  await db.deleteFrom('user_tokens').where('expires_at', '<=', now).execute();
}

/** Active users whose password reaches `now + daysBefore` of its expiry and who were not told yet. */
export async function findUsersDueForExpiryNotice(
  db: Kysely<Database>,
  args: { now: number; maxAgeMs: number; daysBefore: number; limit: number },
) {
  const dayMs = 86_400_000;
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'password_changed_at'])
    .where('status', '=', 'active')
    .where('password_changed_at', 'is not', null)
    .where(sql<boolean>`password_changed_at + ${args.maxAgeMs - args.daysBefore * dayMs} <= ${args.now}`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('password_expiry_notices as n')
            .select('n.user_id')
            .whereRef('n.user_id', '=', 'users.id')
            .whereRef('n.password_changed_at', '=', 'users.password_changed_at')
            .where('n.days_before', '=', args.daysBefore),
        ),
      ),
    )
    .limit(args.limit);
  if (args.daysBefore > 0)
    query = query.where(sql<boolean>`password_changed_at + ${args.maxAgeMs} > ${args.now}`);
  return query.execute();
}

/** Records a notice; returns false when another node recorded it first (so only one sends it). */
export async function insertExpiryNotice(
  db: Kysely<Database>,
  args: { userId: string; passwordChangedAt: number; daysBefore: number; now: number },
): Promise<boolean> {
  const result = await db
    .insertInto('password_expiry_notices')
    .values({
      user_id: args.userId,
      password_changed_at: args.passwordChangedAt,
      days_before: args.daysBefore,
      sent_at: args.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

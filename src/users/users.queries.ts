import { type Kysely, sql } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database, NewUser, UserRow } from '../db/types.js';

/** Everything a sign-in needs about a user, including the hash (callers never return it). */
const userForSignIn = prepared((db, p: { email: string }) =>
  db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'language',
      'password_hash',
      'password_changed_at',
      'status',
      'disabled_reason',
      'failed_attempts',
    ])
    .where('email', '=', p.email),
);

export async function findUserForSignIn(db: Kysely<Database>, email: string) {
  return userForSignIn.first(db, { email });
}

export async function findUserProfileById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The account's password hash now. Read just before a single-use proof of a password step is spent
 * (a second-factor challenge, an expired password's change link): every password change deletes those
 * proofs, so when the spending succeeds this is still the password that step checked, and later
 * writes are made on condition that it stays so.
 */
export async function findPasswordHashById(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Whether an account may be let in now (status), read fresh for a step that completes a sign-in. */
export async function findUserStatusById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').select(['status', 'disabled_reason']).where('id', '=', id).executeTakeFirst();
}

export async function findUserStatusByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'language',
      'status',
      'disabled_reason',
      'disabled_at',
      'failed_attempts',
      'last_login_at',
      'password_changed_at',
      'created_at',
    ])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One atomic statement counts a failed password and disables the account when the count reaches the
 * threshold. The row lock (PostgreSQL) or the single writer (SQLite) makes parallel failures on any
 * number of nodes count exactly; RETURNING tells the caller which failure crossed the line.
 */
export async function recordFailedAttempt(
  db: Kysely<Database>,
  args: { userId: string; threshold: number; now: number },
): Promise<Pick<UserRow, 'failed_attempts' | 'status' | 'disabled_reason' | 'disabled_at'> | undefined> {
  return db
    .updateTable('users')
    .set({
      // The failure that disables leaves the count at exactly the threshold, even when the count was
      // already past it (the threshold lowered since): the caller knows by that count that this very
      // statement disabled the account, and only that one audits it and e-mails the owner.
      failed_attempts: sql`case when status = 'active' and failed_attempts + 1 >= ${args.threshold} then ${args.threshold} else failed_attempts + 1 end`,
      status: sql`case when status = 'active' and failed_attempts + 1 >= ${args.threshold} then 'disabled' else status end`,
      disabled_reason: sql`case when status = 'active' and failed_attempts + 1 >= ${args.threshold} then 'too_many_failed_attempts' else disabled_reason end`,
      disabled_at: sql`case when status = 'active' and failed_attempts + 1 >= ${args.threshold} then ${args.now} else disabled_at end`,
      updated_at: args.now,
    })
    .where('id', '=', args.userId)
    .returning(['failed_attempts', 'status', 'disabled_reason', 'disabled_at'])
    .executeTakeFirst();
}

const successfulSignIn = prepared((db, p: { userId: string; now: number }) =>
  db
    .updateTable('users')
    .set({ failed_attempts: 0, last_login_at: p.now, updated_at: p.now })
    .where('id', '=', p.userId)
    .where('status', '=', 'active'),
);
const successfulSignInWithPassword = prepared(
  (db, p: { userId: string; now: number; passwordHash: string }) =>
    db
      .updateTable('users')
      .set({ failed_attempts: 0, last_login_at: p.now, updated_at: p.now })
      .where('id', '=', p.userId)
      .where('status', '=', 'active')
      .where('password_hash', '=', p.passwordHash),
);

/**
 * The end of a run of failures and the time of this sign-in, for an account that is still active.
 * False when it no longer is: disabled (or removed) since its status was read, e.g. by a wrong password
 * sent at the same moment that reached the threshold; with `passwordHash` (the hash the password was
 * checked against), also when the password has changed since (a reset or change must end every
 * sign-in the old password had under way). On PostgreSQL the row lock orders this statement against
 * `recordFailedAttempt` and the password update, on SQLite the single writer does.
 */
export async function recordSuccessfulSignIn(
  db: Kysely<Database>,
  args: { userId: string; now: number; passwordHash?: string },
): Promise<boolean> {
  const { passwordHash, ...rest } = args;
  const changed =
    passwordHash === undefined
      ? await successfulSignIn.run(db, rest)
      : await successfulSignInWithPassword.run(db, { ...rest, passwordHash });
  return changed === 1;
}

/**
 * A correct password that opens no session (yet: a second step, an expired password, a suspended
 * property): the run of wrong ones is over, for an account that is still active and, with
 * `passwordHash`, whose password is still the one checked. False otherwise: its count stays.
 */
export async function resetFailedAttempts(
  db: Kysely<Database>,
  args: { userId: string; now: number; passwordHash?: string },
): Promise<boolean> {
  let query = db
    .updateTable('users')
    .set({ failed_attempts: 0, updated_at: args.now })
    .where('id', '=', args.userId)
    .where('status', '=', 'active');
  if (args.passwordHash !== undefined) query = query.where('password_hash', '=', args.passwordHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findPasswordDates(db: Kysely<Database>, userId: string) {
  return db.selectFrom('users').select(['password_changed_at']).where('id', '=', userId).executeTakeFirst();
}

/**
 * Takes the person's row for the rest of the transaction (on both dialects: a write that changes
 * nothing). Every password change writes that row before it touches the person's links, sessions,
 * challenges and second factors, so a transaction that takes it first to change those queues behind
 * a change instead of deadlocking with it on PostgreSQL.
 */
export async function lockUserRow(db: Kysely<Database>, userId: string) {
  await db
    .updateTable('users')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', userId)
    .execute();
}

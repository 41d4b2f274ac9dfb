import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database } from '../db/types.js';

type NewSession = {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  last_activity_at: number;
  absolute_expires_at: number;
  ip: string | null;
  user_agent: string | null;
};

const sessionInsert = prepared((db, p: NewSession) =>
  db.insertInto('sessions').values({
    id: p.id,
    token_hash: p.token_hash,
    user_id: p.user_id,
    created_at: p.created_at,
    last_activity_at: p.last_activity_at,
    absolute_expires_at: p.absolute_expires_at,
    ip: p.ip,
    user_agent: p.user_agent,
  }),
);

export async function insertSession(db: Kysely<Database>, session: NewSession) {
  await sessionInsert.run(db, session);
}

/** The session behind a token hash, with the few user fields every request needs. */
const sessionByTokenHash = prepared((db, p: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.user_id as userId',
      'sessions.created_at as createdAt',
      'sessions.last_activity_at as lastActivityAt',
      'sessions.absolute_expires_at as absoluteExpiresAt',
      'users.email as email',
      'users.name as name',
      'users.language as language',
      'users.status as userStatus',
      'sessions.active_property_id as activePropertyId',
    ])
    .where('sessions.token_hash', '=', p.tokenHash),
);

export async function findSessionByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return sessionByTokenHash.first(db, { tokenHash });
}

const sessionTouch = prepared((db, p: { id: string; now: number }) =>
  // Only moves forward: two nodes touching at once never move it back.
  db
    .updateTable('sessions')
    .set({ last_activity_at: p.now })
    .where('id', '=', p.id)
    .where('last_activity_at', '<', p.now),
);

/** Rows moved forward: 0 when the session is gone, or another node already recorded a later time. */
export async function touchSession(db: Kysely<Database>, args: { id: string; now: number }): Promise<number> {
  return sessionTouch.run(db, args);
}

export async function deleteSessionById(db: Kysely<Database>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, exceptId?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<Database>, args: { now: number; idleMs: number }) {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('last_activity_at', '<=', args.now - args.idleMs),
        eb('absolute_expires_at', '<=', args.now),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a session is still stored (not ended by a sign-out, an expiry or a password change). */
export async function sessionExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst());
}

export async function findSessionsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_activity_at', 'absolute_expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_activity_at', 'desc')
    .execute();
}

/** Deletes one session, only if it belongs to that user (a foreign id is simply not found). */
export async function deleteSessionOfUser(db: Kysely<Database>, args: { id: string; userId: string }) {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', args.id)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

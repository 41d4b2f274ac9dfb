import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Database, NewOutbox, OutboxRow } from '../db/types.js';

export async function insertOutboxMessage(db: Kysely<Database>, message: NewOutbox): Promise<number> {
  const row = await db.insertInto('outbox').values(message).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due messages for this worker until `lockUntil`. On PostgreSQL, FOR UPDATE SKIP
 * LOCKED lets several nodes claim disjoint batches; SQLite serialises writers, so the plain UPDATE is exact.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  dialect: Dialect,
  args: { now: number; lockUntil: number; workerId: string; limit: number },
): Promise<OutboxRow[]> {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', args.now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', args.now)]))
    .orderBy('id')
    .limit(args.limit);
  return db
    .updateTable('outbox')
    .set({ locked_until: args.lockUntil, locked_by: args.workerId })
    .where('id', 'in', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
}

/**
 * Extends this worker's lease on one message it still holds, right before sending it: a batch sent
 * one message after another must not outlive the lease it was claimed with. False when the lease is
 * gone (run out and maybe claimed by another worker): the message is then not this worker's to send.
 */
export async function renewLease(
  db: Kysely<Database>,
  args: { id: number; workerId: string; now: number; lockUntil: number },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ locked_until: args.lockUntil })
    .where('id', '=', args.id)
    .where('locked_by', '=', args.workerId)
    .where('status', '=', 'pending')
    .where('locked_until', '>', args.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up this worker's leases on messages it claimed but will not send (shutting down). */
export async function releaseLeases(db: Kysely<Database>, ids: number[], workerId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_until: null, locked_by: null })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
}

/** `kept`: what stays of the message once delivered (its secrets removed), when not the whole of it. */
export async function markMessageSent(
  db: Kysely<Database>,
  id: number,
  workerId: string,
  now: number,
  kept?: { subject: string; text_body: string; html_body: string },
) {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, locked_until: null, attempts: sql`attempts + 1`, ...kept })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMessageFailedAttempt(
  db: Kysely<Database>,
  args: { id: number; workerId: string; error: string; nextAttemptAt: number; giveUp: boolean },
) {
  await db
    .updateTable('outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: args.error.slice(0, 1000),
      next_attempt_at: args.nextAttemptAt,
      locked_until: null,
      status: args.giveUp ? 'failed' : 'pending',
    })
    .where('id', '=', args.id)
    .where('locked_by', '=', args.workerId)
    .execute();
}

export async function countOutboxByStatus(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function findOutboxMessages(db: Kysely<Database>, args: { to?: string; limit?: number } = {}) {
  let query = db
    .selectFrom('outbox')
    .select([
      'id',
      'created_at',
      'to_address',
      'template',
      'language',
      'subject',
      'text_body',
      'html_body',
      'status',
      'attempts',
      'sent_at',
    ])
    .orderBy('id', 'desc')
    .limit(args.limit ?? 50);
  if (args.to) query = query.where('to_address', '=', args.to);
  return query.execute();
}

/** Deletes delivered and given-up messages created before `before`: the outbox is not an archive. */
export async function deleteOldMessages(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

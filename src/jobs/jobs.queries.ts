import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Database } from '../db/types.js';

export async function insertJob(
  db: Kysely<Database>,
  job: { type: string; payload: unknown; runAt: number; now: number },
) {
  await db
    .insertInto('jobs')
    .values({
      type: job.type,
      payload: JSON.stringify(job.payload),
      status: 'pending',
      attempts: 0,
      run_at: job.runAt,
      created_at: job.now,
    })
    .execute();
}

/** Claims due jobs with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer). */
export async function claimDueJobs(
  db: Kysely<Database>,
  dialect: Dialect,
  args: { now: number; lockUntil: number; workerId: string; limit: number },
) {
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_at', '<=', args.now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', args.now)]))
    .orderBy('id')
    .limit(args.limit);
  return db
    .updateTable('jobs')
    .set({ locked_until: args.lockUntil, locked_by: args.workerId })
    .where('id', 'in', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
    .returning(['id', 'type', 'payload', 'attempts'])
    .execute();
}

/**
 * Completes a job this worker still holds: false when another worker has claimed it since (its lease
 * ran out), so the caller rolls the job's work back.
 */
export async function completeJob(db: Kysely<Database>, id: number, workerId: string) {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up this worker's leases on jobs it claimed but will not run (shutting down). */
export async function releaseJobLeases(db: Kysely<Database>, ids: number[], workerId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: null, locked_by: null })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function failJob(
  db: Kysely<Database>,
  args: { id: number; workerId: string; error: string; runAt: number; giveUp: boolean },
) {
  await db
    .updateTable('jobs')
    .set({
      status: args.giveUp ? 'failed' : 'pending',
      attempts: sql`attempts + 1`,
      last_error: args.error.slice(0, 1000),
      run_at: args.runAt,
      locked_until: null,
    })
    .where('id', '=', args.id)
    .where('locked_by', '=', args.workerId)
    .execute();
}

export async function deleteFinishedJobs(db: Kysely<Database>, before: number) {
  await db.deleteFrom('jobs').where('status', '=', 'done').where('created_at', '<', before).execute();
}

/**
 * Takes (or renews) a named lease so that one node at a time runs a scheduler. Works on both
 * dialects: the conditional UPDATE is atomic.
 */
export async function acquireLease(
  db: Kysely<Database>,
  args: { name: string; holder: string; now: number; ttlMs: number },
): Promise<boolean> {
  await db
    .insertInto('scheduler_leases')
    .values({ name: args.name, holder: null, locked_until: 0, last_run_at: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const result = await db
    .updateTable('scheduler_leases')
    .set({ holder: args.holder, locked_until: args.now + args.ttlMs, last_run_at: args.now })
    .where('name', '=', args.name)
    .where((eb) => eb.or([eb('locked_until', '<', args.now), eb('holder', '=', args.holder)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

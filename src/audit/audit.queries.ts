import type { Kysely } from 'kysely';
import type { Database, NewAuditEvent } from '../db/types.js';

export async function insertAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  await db.insertInto('audit_events').values(event).execute();
}

export async function findAuditEventsForTarget(db: Kysely<Database>, targetId: string, limit = 100) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'details'])
    .where('target_id', '=', targetId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

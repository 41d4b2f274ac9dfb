import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database, NewAuditEvent } from '../db/types.js';

type AuditRow = Required<Omit<NewAuditEvent, 'id'>>;

const auditInsert = prepared((db, p: AuditRow) =>
  db.insertInto('audit_events').values({
    at: p.at,
    actor_type: p.actor_type,
    actor_id: p.actor_id,
    action: p.action,
    target_type: p.target_type,
    target_id: p.target_id,
    property_id: p.property_id,
    ip: p.ip,
    user_agent: p.user_agent,
    details: p.details,
  }),
);

export async function insertAuditEvent(db: Kysely<Database>, event: AuditRow): Promise<void> {
  await auditInsert.run(db, event);
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

/**
 * Two indexes that every sign-in wrote to without any query being better for it (on SQLite a
 * sign-in commits ten pages; these were two of them):
 *
 * - sessions.last_activity_at: the expiry sweep asks for `last_activity_at <= ? or
 *   absolute_expires_at <= ?`, which SQLite and PostgreSQL both answer by scanning the table (one side
 *   of the OR has no index), and a person's session list goes through user_id. Dropped.
 * - audit_events (property_id, at): personal events (sign-ins, lockouts, password changes) have no
 *   property, and a property's audit view finds its members' personal events by target_id. Now only
 *   events that have a property are indexed. It also helps that view: with every personal event in
 *   the index under NULL, SQLite walked all of them (everyone's sign-ins) to find the members' ones;
 *   now it looks each member up by target.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_activity_idx').execute();
  await db.schema.dropIndex('audit_events_property_idx').execute();
  await db.schema
    .createIndex('audit_events_property_idx')
    .on('audit_events')
    .columns(['property_id', 'at'])
    .where(sql.ref('property_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_property_idx').execute();
  await db.schema
    .createIndex('audit_events_property_idx')
    .on('audit_events')
    .columns(['property_id', 'at'])
    .execute();
  await db.schema.createIndex('sessions_activity_idx').on('sessions').column('last_activity_at').execute();
}

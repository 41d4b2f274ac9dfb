/**
 * An expired password's replacement waiting on its second factor also keeps the hash it replaces
 * (the expired one, as the change link found it): once the factor is given, the replacement is
 * written only over that hash, so a reset the owner made meanwhile stands (passwords.service.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').addColumn('pending_replaces_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').dropColumn('pending_replaces_hash').execute();
}

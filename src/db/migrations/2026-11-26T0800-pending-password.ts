/**
 * An expired password's replacement waits on the second-factor challenge until the second factor is
 * given (passwords.service.ts, changeExpired): the old, expired password alone must not change it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').addColumn('pending_password_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').dropColumn('pending_password_hash').execute();
}

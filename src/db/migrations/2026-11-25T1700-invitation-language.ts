/** The language of an invitation, so that a re-sent invitation is written in it too. Frozen in time. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('invitations')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('language').execute();
}

import type { Kysely } from 'kysely';
import type { Database, StaffTable } from '../db/types.js';

export async function findStaffByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'email', 'name', 'role'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertStaff(db: Kysely<Database>, staff: StaffTable) {
  await db.insertInto('staff').values(staff).execute();
}

/**
 * Demo data on the first start of the embedded store (SPEC §8): a demo admin and a demo user with
 * random passwords, printed once. A meta row makes sure it happens only once per data folder.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { generateReadablePassword } from '../shared/tokens.js';
import { countUsers } from '../users/users.queries.js';
import type { UsersService } from '../users/users.service.js';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  name: string;
}

export async function seedDemoData(db: Kysely<Database>, users: UsersService): Promise<DemoAccount[] | null> {
  const seeded = await db
    .selectFrom('portier_meta')
    .select('value')
    .where('key', '=', 'demo_seeded')
    .executeTakeFirst();
  if (seeded || (await countUsers(db)) > 0) return null;
  const accounts: DemoAccount[] = [
    {
      role: 'admin',
      email: 'admin@demo-hotel.example',
      name: 'Camille Martin',
      password: generateReadablePassword(),
    },
    {
      role: 'user',
      email: 'user@demo-hotel.example',
      name: 'Alex Dupont',
      password: generateReadablePassword(),
    },
  ];
  for (const account of accounts) {
    await users.createUser({
      ...account,
      language: account.role === 'admin' ? 'fr' : 'en',
      actor: { type: 'system' },
    });
  }
  await db
    .insertInto('portier_meta')
    .values({ key: 'demo_seeded', value: new Date().toISOString() })
    .execute();
  return accounts;
}

/**
 * Demo data on the first start of the embedded store (SPEC §8): a demo hotel with an admin, a user
 * manager, two members with different access and one disabled account, so a newcomer sees every
 * status. Random passwords, printed once. A meta row makes sure it happens only once per data folder.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/types.js';
import type { Grant, PropertiesService } from '../properties/properties.service.js';
import { generateReadablePassword } from '../shared/tokens.js';
import { countUsers } from '../users/users.queries.js';
import type { UsersService } from '../users/users.service.js';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  name: string;
  note?: string;
}

const PEOPLE: Array<{
  key: string;
  name: string;
  role: Role;
  language: 'fr' | 'en';
  grants: Grant[];
  disabled?: boolean;
}> = [
  { key: 'admin', name: 'Camille Martin', role: 'admin', language: 'fr', grants: [] },
  {
    key: 'manager',
    name: 'Sofia Laurent',
    role: 'user_manager',
    language: 'fr',
    grants: [
      { product: 'front-desk', tab: '*' },
      { product: 'channel-manager', tab: 'reservations' },
      { product: 'channel-manager', tab: 'reports' },
    ],
  },
  {
    key: 'reception',
    name: 'Alex Dupont',
    role: 'member',
    language: 'en',
    grants: [
      { product: 'front-desk', tab: 'bookings' },
      { product: 'front-desk', tab: 'housekeeping' },
    ],
  },
  {
    key: 'revenue',
    name: 'Nina Rossi',
    role: 'member',
    language: 'fr',
    grants: [
      { product: 'channel-manager', tab: 'rates-availability' },
      { product: 'channel-manager', tab: 'channels' },
    ],
  },
  {
    key: 'night',
    name: 'Jules Bernard',
    role: 'member',
    language: 'fr',
    grants: [{ product: 'front-desk', tab: 'bookings' }],
    disabled: true,
  },
];

export async function seedDemoData(
  db: Kysely<Database>,
  services: { users: UsersService; properties: PropertiesService; lockoutThreshold: number },
): Promise<DemoAccount[] | null> {
  const seeded = await db
    .selectFrom('portier_meta')
    .select('value')
    .where('key', '=', 'demo_seeded')
    .executeTakeFirst();
  if (seeded || (await countUsers(db)) > 0) return null;
  const property = await services.properties.createProperty({
    name: 'Hôtel Beau Rivage (démo)',
    billingContact: {
      name: 'Service comptabilité',
      email: 'compta@beau-rivage.example',
      phone: '+33 4 93 00 00 00',
    },
    paymentMethod: 'bank_transfer',
    actor: { type: 'system' },
  });
  const accounts: DemoAccount[] = [];
  for (const person of PEOPLE) {
    const email = `${person.key}@beau-rivage.example`;
    const password = generateReadablePassword();
    const user = await services.users.createUser({
      email,
      name: person.name,
      password,
      language: person.language,
      actor: { type: 'system' },
    });
    await services.properties.addMember({
      propertyId: property.id,
      userId: user.id,
      role: person.role,
      grants: person.grants,
      primaryContact: person.role === 'admin',
      actor: { type: 'system' },
    });
    if (person.disabled) {
      // As if the 7 wrong passwords had happened: the user-management pages show why.
      await db
        .updateTable('users')
        .set({
          status: 'disabled',
          disabled_reason: 'too_many_failed_attempts',
          disabled_at: Date.now(),
          failed_attempts: services.lockoutThreshold,
        })
        .where('id', '=', user.id)
        .execute();
    }
    accounts.push({
      role: person.role === 'user_manager' ? 'user manager' : person.role,
      email,
      password,
      name: person.name,
      note: person.disabled ? 'disabled after too many attempts' : undefined,
    });
  }
  await db
    .insertInto('portier_meta')
    .values({ key: 'demo_seeded', value: new Date().toISOString() })
    .execute();
  return accounts;
}

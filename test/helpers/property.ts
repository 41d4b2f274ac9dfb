import type { Role } from '../../src/db/types.js';
import { jsonHeaders, sessionCookieFrom, signIn, type TestApp } from './app.js';

export interface HotelMember {
  id: string;
  email: string;
  password: string;
  name: string;
  cookie: string;
}

/** A property with people in given roles (and grants), each already signed in. */
export async function createHotel(
  t: TestApp,
  people: Record<
    string,
    { role: Role; grants?: Array<{ product: string; tab: string }>; language?: 'fr' | 'en' }
  >,
  name = 'Hôtel Bellevue',
) {
  const property = await t.c.properties.createProperty({
    name,
    billingContact: {
      name: 'Compta Bellevue',
      email: 'billing@bellevue.example',
      phone: '+33 1 23 45 67 89',
    },
    actor: { type: 'system' },
  });
  const members: Record<string, HotelMember> = {};
  for (const [key, spec] of Object.entries(people)) {
    const user = await t.createUser({ name: key, language: spec.language });
    await t.c.properties.addMember({
      propertyId: property.id,
      userId: user.id,
      role: spec.role,
      grants: spec.grants,
      actor: { type: 'system' },
    });
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    members[key] = { ...user, cookie };
  }
  return { property, members };
}

/** A hotel whose admin requires two-factor authentication; its member Hugo has no factor yet. */
export async function hotelRequiringTwoFactor(t: TestApp) {
  const { property, members } = await createHotel(t, {
    Admin: { role: 'admin' },
    Hugo: { role: 'member' },
  });
  const { Admin: admin, Hugo: hugo } = members;
  if (!admin || !hugo) throw new Error('setup');
  const policy = await t.app.inject({
    method: 'POST',
    url: `/api/v1/properties/${property.id}/two-factor-policy`,
    headers: jsonHeaders({ cookie: admin.cookie }),
    payload: { required: true },
  });
  if (policy.statusCode !== 204) throw new Error(`two-factor policy: ${policy.statusCode}`);
  return { property, admin, hugo };
}

/** How many second factors and recovery codes a person has. */
export async function secondFactorRows(t: TestApp, userId: string) {
  const count = async (table: 'mfa_factors' | 'recovery_codes') =>
    (await t.c.store.db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute()).length;
  return { factors: await count('mfa_factors'), codes: await count('recovery_codes') };
}

import type { Role } from '../../src/db/types.js';
import { sessionCookieFrom, signIn, type TestApp } from './app.js';

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

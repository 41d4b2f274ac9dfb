import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed.js';
import { buildTestApp, sessionCookieFrom, signIn, type TestApp } from '../helpers/app.js';

describe('demo data on the first embedded start', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a demo hotel where every status can be seen, once', async () => {
    const deps = { users: t.c.users, properties: t.c.properties, lockoutThreshold: 7 };
    const accounts = await seedDemoData(t.c.store.db, deps);
    expect(accounts?.map((a) => a.role)).toEqual(['admin', 'user manager', 'member', 'member', 'member']);
    expect(await seedDemoData(t.c.store.db, deps)).toBeNull();

    const [admin, manager, reception, , night] = accounts ?? [];
    expect((await signIn(t, admin?.email ?? '', admin?.password ?? '')).statusCode).toBe(200);
    expect((await signIn(t, night?.email ?? '', night?.password ?? '')).json().error.code).toBe(
      'account_disabled',
    );

    const cookie = sessionCookieFrom(await signIn(t, manager?.email ?? '', manager?.password ?? ''));
    const session = (await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).json();
    const users = (
      await t.app.inject({ url: `/api/v1/properties/${session.activePropertyId}/users`, headers: { cookie } })
    ).json().users;
    expect(users.map((u: { status: string }) => u.status).sort()).toEqual([
      'active',
      'active',
      'active',
      'active',
      'disabled',
    ]);

    const receptionCookie = sessionCookieFrom(
      await signIn(t, reception?.email ?? '', reception?.password ?? ''),
    );
    const denied = await t.app.inject({
      url: '/api/v1/access?product=front-desk&tab=invoices',
      headers: { cookie: receptionCookie },
    });
    expect(denied.json().error.details.grantors.map((g: { name: string }) => g.name)).toEqual([
      'Camille Martin',
      'Sofia Laurent',
    ]);
  });
});

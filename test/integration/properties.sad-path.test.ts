import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, dialects, jsonHeaders, signIn, type TestApp } from '../helpers/app.js';
import { lastMailTo, linkTokenFor } from '../helpers/mail.js';
import { createHotel } from '../helpers/property.js';

describe.each(dialects)('escalation and cross-property attempts (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const send = (method: 'POST' | 'PUT', url: string, cookie: string, payload: object = {}, lang = 'en') =>
    t.app.inject({ method, url, headers: jsonHeaders({ cookie, 'accept-language': lang }), payload });
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;

  it('a manager here cannot take over an account that opens another hotel, nor a fellow manager', async () => {
    const b = await createHotel(t, { Victor: { role: 'admin' } }, 'Hôtel B');
    const a = await createHotel(
      t,
      {
        Admin: { role: 'admin' },
        Mallory: { role: 'user_manager' },
        Una: { role: 'user_manager' },
        Hugo: { role: 'member' },
      },
      'Hôtel A',
    );
    const victor = b.members.Victor;
    const { Admin: admin, Mallory: mallory, Una: una, Hugo: hugo } = a.members;
    if (!victor || !admin || !mallory || !una || !hugo) throw new Error('setup');
    // Victor, admin of B, is also a plain member of A.
    await t.c.properties.addMember({
      propertyId: a.property.id,
      userId: victor.id,
      role: 'member',
      actor: { type: 'system' },
    });
    const base = `/api/v1/properties/${a.property.id}/users`;
    for (const cookie of [mallory.cookie, admin.cookie]) {
      const email = await send('POST', `${base}/${victor.id}/email`, cookie, { email: 'alias@evil.example' });
      expect(email.statusCode).toBe(403);
      expect(code(email)).toBe('account_shared');
      expect(code(await send('POST', `${base}/${victor.id}/reset-2fa`, cookie))).toBe('account_shared');
    }
    expect(await lastMailTo(t, 'alias@evil.example')).toBeUndefined();
    // A user manager acts on plain members' accounts only; an admin may act on a manager's.
    const fellow = await send(
      'POST',
      `${base}/${una.id}/email`,
      mallory.cookie,
      { email: 'una2@hotel.example' },
      'fr',
    );
    expect(code(fellow)).toBe('account_needs_admin');
    expect(fellow.json().error.message).toContain('gestionnaire des utilisateurs');
    expect(code(await send('POST', `${base}/${una.id}/reset-2fa`, mallory.cookie))).toBe(
      'account_needs_admin',
    );
    expect(
      (await send('POST', `${base}/${una.id}/email`, admin.cookie, { email: 'una2@hotel.example' }))
        .statusCode,
    ).toBe(202);
    expect(
      (await send('POST', `${base}/${hugo.id}/email`, mallory.cookie, { email: 'hugo2@hotel.example' }))
        .statusCode,
    ).toBe(202);
    expect((await send('POST', `${base}/${hugo.id}/reset-2fa`, mallory.cookie)).statusCode).toBe(204);
    // Victor still signs in with his own address and password, and still runs hotel B.
    expect((await signIn(t, victor.email, victor.password)).json()).toEqual({ status: 'ok' });
  });

  it('a manager who loses the right (removed, or made a member) takes their pending invitations along', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Ursula: { role: 'user_manager', grants: [{ product: 'front-desk', tab: '*' }] },
      Ugo: { role: 'user_manager', grants: [{ product: 'front-desk', tab: '*' }] },
    });
    const { Admin: admin, Ursula: ursula, Ugo: ugo } = members;
    if (!admin || !ursula || !ugo) throw new Error('setup');
    const base = `/api/v1/properties/${property.id}`;
    const invite = async (cookie: string, email: string) => {
      const res = await send('POST', `${base}/invitations`, cookie, {
        email,
        role: 'user_manager',
        grants: [{ product: 'front-desk', tab: '*' }],
      });
      expect(res.statusCode).toBe(201);
      return linkTokenFor(t, email);
    };
    const fromUrsula = await invite(ursula.cookie, 'from-ursula@hotel.example');
    const fromUgo = await invite(ugo.cookie, 'from-ugo@hotel.example');
    expect((await send('POST', `${base}/users/${ursula.id}/remove`, admin.cookie)).statusCode).toBe(204);
    expect(
      (await send('POST', `${base}/users/${ugo.id}/role`, admin.cookie, { role: 'member' })).statusCode,
    ).toBe(204);
    for (const token of [fromUrsula, fromUgo]) {
      const accept = await t.app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        headers: jsonHeaders(),
        payload: { token, name: 'Late Comer', password: 'Lilac-Tundra-Beacon-63' },
      });
      expect(accept.statusCode).toBe(400);
      expect(accept.json().error.code).toBe('invalid_token');
    }
  });

  it('a user manager cannot grant a tab they lack, nor revoke one', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Manon: { role: 'user_manager', grants: [{ product: 'front-desk', tab: 'bookings' }] },
      Hugo: { role: 'member', grants: [{ product: 'channel-manager', tab: 'rates-availability' }] },
    });
    const url = `/api/v1/properties/${property.id}/users/${members.Hugo?.id}/grants`;
    const grantMore = await send('PUT', url, members.Manon?.cookie ?? '', {
      grants: [
        { product: 'channel-manager', tab: 'rates-availability' },
        { product: 'front-desk', tab: 'invoices' },
      ],
    });
    expect(grantMore.statusCode).toBe(403);
    expect(grantMore.json().error).toMatchObject({
      code: 'grant_not_held',
      details: { notHeld: [{ product: 'front-desk', tab: 'invoices' }] },
    });
    const revoke = await send('PUT', url, members.Manon?.cookie ?? '', { grants: [] });
    expect(code(revoke)).toBe('grant_not_held');
    const wholeProduct = await send('PUT', url, members.Manon?.cookie ?? '', {
      grants: [
        { product: 'channel-manager', tab: 'rates-availability' },
        { product: 'front-desk', tab: '*' },
      ],
    });
    expect(code(wholeProduct)).toBe('grant_not_held');
    // What they hold, they can give.
    const ok = await send('PUT', url, members.Manon?.cookie ?? '', {
      grants: [
        { product: 'channel-manager', tab: 'rates-availability' },
        { product: 'front-desk', tab: 'bookings' },
      ],
    });
    expect(ok.statusCode).toBe(200);
  });

  it('a user manager cannot promote themselves or anyone to admin, nor touch an admin', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Manon: { role: 'user_manager' },
      Hugo: { role: 'member' },
    });
    const base = `/api/v1/properties/${property.id}/users`;
    const manon = members.Manon?.cookie ?? '';
    expect(code(await send('POST', `${base}/${members.Manon?.id}/role`, manon, { role: 'admin' }))).toBe(
      'cannot_change_self',
    );
    expect(code(await send('POST', `${base}/${members.Hugo?.id}/role`, manon, { role: 'admin' }))).toBe(
      'cannot_manage_admins',
    );
    expect(code(await send('POST', `${base}/${members.Admin?.id}/role`, manon, { role: 'member' }))).toBe(
      'cannot_manage_admins',
    );
    expect(code(await send('POST', `${base}/${members.Admin?.id}/remove`, manon))).toBe(
      'cannot_manage_admins',
    );
    expect(
      code(
        await send('PUT', `${base}/${members.Manon?.id}/grants`, manon, {
          grants: [{ product: 'front-desk', tab: '*' }],
        }),
      ),
    ).toBe('cannot_change_self');
    const invite = await send('POST', `/api/v1/properties/${property.id}/invitations`, manon, {
      email: 'boss@x.example',
      role: 'admin',
    });
    expect(code(invite)).toBe('cannot_manage_admins');
  });

  it('the last admin cannot be removed or demoted', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Second: { role: 'admin' },
    });
    const base = `/api/v1/properties/${property.id}/users`;
    expect(
      (
        await send('POST', `${base}/${members.Second?.id}/role`, members.Admin?.cookie ?? '', {
          role: 'member',
        })
      ).statusCode,
    ).toBe(204);
    // Second is no longer an admin, so Admin is the last one — and cannot change themselves anyway.
    expect(code(await send('POST', `${base}/${members.Admin?.id}/remove`, members.Admin?.cookie ?? ''))).toBe(
      'cannot_change_self',
    );
    await t.c.store.db
      .updateTable('memberships')
      .set({ role: 'admin' })
      .where('user_id', '=', members.Second?.id ?? '')
      .execute();
    // Two admins demoting each other at once: exactly one succeeds.
    const results = await Promise.all([
      send('POST', `${base}/${members.Second?.id}/role`, members.Admin?.cookie ?? '', { role: 'member' }),
      send('POST', `${base}/${members.Admin?.id}/role`, members.Second?.cookie ?? '', { role: 'member' }),
    ]);
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    // The other is refused: as a non-admin by then (403), or as the last admin (409).
    expect([403, 409]).toContain(results.find((r) => r.statusCode !== 204)?.statusCode);
    const admins = await t.c.store.db
      .selectFrom('memberships')
      .select('id')
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('a member has no user-management rights', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const res = await get(`/api/v1/properties/${property.id}/users`, members.Hugo?.cookie ?? '');
    expect(res.statusCode).toBe(403);
    expect(code(res)).toBe('forbidden');
  });

  it('a manager of property A gets 404 for every object of property B, whatever ids are tried', async () => {
    const a = await createHotel(t, { AdminA: { role: 'admin' } }, 'Hôtel A');
    const b = await createHotel(t, { AdminB: { role: 'admin' }, Bob: { role: 'member' } }, 'Hôtel B');
    const cookie = a.members.AdminA?.cookie ?? '';
    const bob = b.members.Bob?.id ?? '';
    const pb = b.property.id;
    const pa = a.property.id;
    const attempts = [
      get(`/api/v1/properties/${pb}/users`, cookie),
      get(`/api/v1/properties/${pb}/users/${bob}`, cookie),
      get(`/api/v1/properties/${pb}/audit`, cookie),
      get(`/api/v1/properties/${pb}/invitations`, cookie),
      send('POST', `/api/v1/properties/${pb}/users/${bob}/enable`, cookie),
      send('POST', `/api/v1/properties/${pb}/users/${bob}/remove`, cookie),
      send('POST', `/api/v1/properties/${pb}/users/${bob}/role`, cookie, { role: 'admin' }),
      send('PUT', `/api/v1/properties/${pb}/users/${bob}/grants`, cookie, { grants: [] }),
      send('POST', `/api/v1/properties/${pb}/users/${bob}/send-reset-link`, cookie),
      send('POST', `/api/v1/properties/${pb}/users/${bob}/email`, cookie, { email: 'x@y.example' }),
      send('POST', `/api/v1/properties/${pb}/invitations`, cookie, { email: 'x@y.example', role: 'member' }),
      // B's member through A's property id:
      get(`/api/v1/properties/${pa}/users/${bob}`, cookie),
      send('POST', `/api/v1/properties/${pa}/users/${bob}/remove`, cookie),
      send('PUT', `/api/v1/properties/${pa}/users/${bob}/grants`, cookie, { grants: [] }),
      send('POST', '/api/v1/session/property', cookie, { propertyId: pb }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(code(res)).toBe('not_found');
    }
    const bRow = await t.c.store.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', bob)
      .executeTakeFirstOrThrow();
    expect(bRow.role).toBe('member');
  });

  it('audit events of property B never show in property A’s log', async () => {
    const a = await createHotel(t, { AdminA: { role: 'admin' }, Ann: { role: 'member' } }, 'Hôtel A');
    const b = await createHotel(t, { AdminB: { role: 'admin' }, Bob: { role: 'member' } }, 'Hôtel B');
    await send(
      'POST',
      `/api/v1/properties/${b.property.id}/users/${b.members.Bob?.id}/role`,
      b.members.AdminB?.cookie ?? '',
      { role: 'user_manager' },
    );
    const log = (
      await get(`/api/v1/properties/${a.property.id}/audit`, a.members.AdminA?.cookie ?? '')
    ).json().events;
    expect(log.some((e: { targetId: string }) => e.targetId === b.members.Bob?.id)).toBe(false);
    expect(log.every((e: { action: string }) => e.action !== 'membership.role_changed')).toBe(true);
  });

  it('unknown products and tabs, bad ids, duplicate invitations and oversized input get 4xx codes', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const cookie = members.Admin?.cookie ?? '';
    const base = `/api/v1/properties/${property.id}`;
    expect(
      code(
        await send('PUT', `${base}/users/${members.Hugo?.id}/grants`, cookie, {
          grants: [{ product: 'spaceship', tab: '*' }],
        }),
      ),
    ).toBe('unknown_product');
    expect(
      code(
        await send('PUT', `${base}/users/${members.Hugo?.id}/grants`, cookie, {
          grants: [{ product: 'front-desk', tab: 'bridge' }],
        }),
      ),
    ).toBe('unknown_product');
    expect((await get(`${base}/users/not-a-uuid`, cookie)).statusCode).toBe(400);
    expect((await get('/api/v1/properties/123/users', cookie)).statusCode).toBe(400);
    expect((await get('/api/v1/access?product=spaceship', cookie)).json().error.code).toBe('unknown_product');
    expect((await get('/api/v1/access?product=../etc', cookie)).statusCode).toBe(400);
    // Two invitations to one address at once: one goes out, the other is told one is pending.
    const twice = await Promise.all([
      send('POST', `${base}/invitations`, cookie, { email: 'twice@hotel.example', role: 'member' }),
      send('POST', `${base}/invitations`, cookie, { email: 'twice@hotel.example', role: 'user_manager' }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const invite = { email: 'dup@hotel.example', role: 'member' };
    expect((await send('POST', `${base}/invitations`, cookie, invite)).statusCode).toBe(201);
    expect(code(await send('POST', `${base}/invitations`, cookie, invite))).toBe('invitation_pending');
    expect(
      code(await send('POST', `${base}/invitations`, cookie, { email: members.Hugo?.email, role: 'member' })),
    ).toBe('already_member');
    expect(
      (await send('POST', `${base}/invitations`, cookie, { email: 'x'.repeat(300), role: 'member' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await send('POST', `${base}/invitations`, cookie, { email: 'ok@hotel.example', role: 'owner' }))
        .statusCode,
    ).toBe(400);
    // A name with a control character, in the invitation or when accepting it: 400, never an account.
    const badName = await send('POST', `${base}/invitations`, cookie, {
      email: 'bell@hotel.example',
      name: 'Ring\u0007Bell',
      role: 'member',
    });
    expect(code(badName)).toBe('invalid_request');
    expect(
      (await send('POST', `${base}/invitations`, cookie, { email: 'line@hotel.example', role: 'member' }))
        .statusCode,
    ).toBe(201);
    const token = await linkTokenFor(t, 'line@hotel.example');
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: jsonHeaders(),
      payload: { token, name: 'Line\nBreak', password: 'Lilac-Tundra-Beacon-63' },
    });
    expect(accept.statusCode).toBe(400);
    expect(
      await t.c.store.db.selectFrom('users').select('id').where('email', '=', 'line@hotel.example').execute(),
    ).toEqual([]);
    const huge = Array.from({ length: 600 }, () => ({ product: 'front-desk', tab: 'bookings' }));
    expect(
      (await send('PUT', `${base}/users/${members.Hugo?.id}/grants`, cookie, { grants: huge })).statusCode,
    ).toBe(400);
    expect(code(await send('POST', `${base}/users/${members.Hugo?.id}/enable`, cookie))).toBe(
      'account_not_disabled',
    );
  });

  it('a suspended property: members are refused at sign-in with who was told; admins get in but open nothing', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member', grants: [{ product: 'front-desk', tab: '*' }] },
    });
    await t.c.store.db
      .updateTable('properties')
      .set({ status: 'suspended' })
      .where('id', '=', property.id)
      .execute();
    const hugo = await signIn(t, members.Hugo?.email ?? '', members.Hugo?.password ?? '', {
      'accept-language': 'fr',
    });
    expect(hugo.statusCode).toBe(403);
    expect(hugo.json().error).toMatchObject({
      code: 'property_suspended',
      details: { billingContact: { name: 'Compta Bellevue', email: 'billing@bellevue.example' } },
    });
    expect(hugo.json().error.message).toContain('Le contact de facturation (Compta Bellevue) a été prévenu');
    // A wrong password still gets the generic answer.
    expect((await signIn(t, members.Hugo?.email ?? '', 'wrong-password-123')).statusCode).toBe(401);
    const admin = await signIn(t, members.Admin?.email ?? '', members.Admin?.password ?? '');
    expect(admin.statusCode).toBe(200);
    expect(
      code(await get('/api/v1/access?product=front-desk&tab=bookings', members.Admin?.cookie ?? '')),
    ).toBe('property_suspended');
    // An existing session of the member loses access at once.
    expect(code(await get('/api/v1/access?product=front-desk', members.Hugo?.cookie ?? ''))).toBe(
      'property_suspended',
    );
  });

  it('a suspended property: the right password still ends a run of wrong ones (no lockout one typo later)', async () => {
    const { property, members } = await createHotel(t, { Hugo: { role: 'member' } });
    await t.c.store.db
      .updateTable('properties')
      .set({ status: 'suspended' })
      .where('id', '=', property.id)
      .execute();
    const email = members.Hugo?.email ?? '';
    for (let i = 0; i < 6; i++) expect((await signIn(t, email, `wrong-password-${i}`)).statusCode).toBe(401);
    const right = await signIn(t, email, members.Hugo?.password ?? '');
    expect(right.json().error.code).toBe('property_suspended');
    expect((await signIn(t, email, 'wrong-password-7')).statusCode).toBe(401);
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'failed_attempts'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', failed_attempts: 1 });
  });

  it('a suspended property: the right password racing the 7th wrong one leaves an exact count', async () => {
    const { property, members } = await createHotel(t, { Hugo: { role: 'member' } });
    await t.c.store.db
      .updateTable('properties')
      .set({ status: 'suspended' })
      .where('id', '=', property.id)
      .execute();
    const email = members.Hugo?.email ?? '';
    for (let round = 0; round < 5; round++) {
      await t.c.store.db
        .updateTable('users')
        .set({ status: 'active', disabled_reason: null, disabled_at: null, failed_attempts: 6 })
        .where('email', '=', email)
        .execute();
      const [right] = await Promise.all([
        signIn(t, email, members.Hugo?.password ?? ''),
        signIn(t, email, 'wrong-password-7'),
      ]);
      const row = await t.c.store.db
        .selectFrom('users')
        .select(['status', 'failed_attempts'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      if (row.status === 'active') {
        expect(row.failed_attempts).toBe(1);
        expect(right.json().error.code).toBe('property_suspended');
      } else {
        expect(row.failed_attempts).toBe(7);
        expect(right.json().error.code).toBe('account_disabled');
      }
    }
  });

  it('a manager cannot flood a colleague with reset links: past the per-address limit, 429 in their language', async () => {
    const { property, members } = await createHotel(t, { Admin: { role: 'admin' }, Zoe: { role: 'member' } });
    const url = `/api/v1/properties/${property.id}/users/${members.Zoe?.id}/send-reset-link`;
    for (let i = 0; i < 5; i++)
      expect((await send('POST', url, members.Admin?.cookie ?? '')).statusCode).toBe(204);
    const sixth = await send('POST', url, members.Admin?.cookie ?? '', {}, 'fr');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
    expect(sixth.json().error.message).toMatch(/^Trop de liens de réinitialisation/);
    const links = await t.c.store.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', members.Zoe?.email ?? '')
      .where('template', '=', 'password_reset')
      .execute();
    expect(links).toHaveLength(5);
  });

  it('when nobody can grant a tab, the answer says the admin or primary contact must ask support', async () => {
    const { property, members } = await createHotel(t, { Lonely: { role: 'member' } });
    const res = await get('/api/v1/access?product=front-desk&tab=reports', members.Lonely?.cookie ?? '');
    expect(res.json().error).toMatchObject({
      code: 'missing_grant',
      details: { grantors: [], nextStep: 'ask_support' },
    });
    expect(property.id).toBeTruthy();
  });

  it('a removed member loses the property at once', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member', grants: [{ product: 'front-desk', tab: '*' }] },
    });
    expect((await get('/api/v1/access?product=front-desk', members.Hugo?.cookie ?? '')).statusCode).toBe(200);
    await send(
      'POST',
      `/api/v1/properties/${property.id}/users/${members.Hugo?.id}/remove`,
      members.Admin?.cookie ?? '',
    );
    expect(code(await get('/api/v1/access?product=front-desk', members.Hugo?.cookie ?? ''))).toBe(
      'property_required',
    );
  });
});

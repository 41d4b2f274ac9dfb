import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, dialects, jsonHeaders, signIn, type TestApp } from '../helpers/app.js';
import { lastMailTo, linkTokenFor, resetTokenFor } from '../helpers/mail.js';
import { createHotel } from '../helpers/property.js';

describe.each(dialects)('user management, happy path (%s)', (dialect) => {
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

  it('a user manager sees every colleague’s status at a glance', async () => {
    const { property, members } = await createHotel(t, {
      Manon: { role: 'user_manager', grants: [{ product: 'front-desk', tab: '*' }] },
      Hugo: { role: 'member', grants: [{ product: 'front-desk', tab: 'bookings' }] },
      Admin: { role: 'admin' },
    });
    for (let i = 0; i < 7; i++) await signIn(t, members.Hugo?.email ?? '', 'wrong-password-123');
    const res = await get(`/api/v1/properties/${property.id}/users`, members.Manon?.cookie ?? '');
    expect(res.statusCode).toBe(200);
    const hugo = res.json().users.find((u: { name: string }) => u.name === 'Hugo');
    expect(hugo).toMatchObject({
      role: 'member',
      status: 'disabled',
      disabledReason: 'too_many_failed_attempts',
      failedAttempts: 7,
      passwordExpired: false,
      twoFactorEnabled: false,
      grants: [{ product: 'front-desk', tab: 'bookings' }],
    });
    expect(Date.parse(hugo.passwordExpiresAt) - Date.parse(hugo.passwordChangedAt)).toBe(90 * 86_400_000);
  });

  it('re-enabling a disabled account lets the person sign in again, and shows in the audit log', async () => {
    const { property, members } = await createHotel(t, {
      Manon: { role: 'user_manager' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Manon) throw new Error('setup');
    for (let i = 0; i < 7; i++) await signIn(t, hugo.email, 'wrong-password-123');
    expect((await signIn(t, hugo.email, hugo.password)).statusCode).toBe(403);
    const res = await send(
      'POST',
      `/api/v1/properties/${property.id}/users/${hugo.id}/enable`,
      members.Manon.cookie,
    );
    expect(res.statusCode).toBe(204);
    // The session Hugo had open before the lockout (say on the front-desk PC) does not come back.
    expect((await get('/api/v1/session', hugo.cookie)).statusCode).toBe(401);
    expect((await signIn(t, hugo.email, hugo.password)).statusCode).toBe(200);
    const audit = await get(
      `/api/v1/properties/${property.id}/audit?action=account.enabled`,
      members.Manon.cookie,
    );
    expect(audit.json().events).toEqual([
      expect.objectContaining({ action: 'account.enabled', actorName: 'Manon', targetName: 'Hugo' }),
    ]);
  });

  it('grants are set by product or by tab and decide what the person can open', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const { Admin, Hugo } = members as Required<typeof members>;
    const before = await get('/api/v1/access?product=front-desk&tab=bookings', Hugo?.cookie ?? '');
    expect(before.statusCode).toBe(403);
    expect(before.json().error).toMatchObject({
      code: 'missing_grant',
      details: {
        missing: { product: 'front-desk', tab: 'bookings' },
        grantors: [expect.objectContaining({ name: 'Admin' })],
      },
    });
    expect(before.json().error.message).toBe('You do not have access to “Bookings” (Front desk). Ask Admin.');

    const put = await send(
      'PUT',
      `/api/v1/properties/${property.id}/users/${Hugo?.id}/grants`,
      Admin?.cookie ?? '',
      {
        grants: [
          { product: 'front-desk', tab: 'bookings' },
          { product: 'channel-manager', tab: '*' },
          { product: 'channel-manager', tab: 'reports' },
        ],
      },
    );
    expect(put.json().grants).toEqual([
      { product: 'front-desk', tab: 'bookings' },
      { product: 'channel-manager', tab: '*' },
    ]);
    expect(
      (await get('/api/v1/access?product=front-desk&tab=bookings', Hugo?.cookie ?? '')).json(),
    ).toMatchObject({ allowed: true });
    expect(
      (await get('/api/v1/access?product=channel-manager&tab=settings', Hugo?.cookie ?? '')).statusCode,
    ).toBe(200);
    expect((await get('/api/v1/access?product=front-desk&tab=invoices', Hugo?.cookie ?? '')).statusCode).toBe(
      403,
    );
    const overview = (await get('/api/v1/access/overview', Hugo?.cookie ?? '')).json();
    const frontDesk = overview.products.find((p: { id: string }) => p.id === 'front-desk');
    expect(
      frontDesk.tabs.filter((x: { allowed: boolean }) => x.allowed).map((x: { id: string }) => x.id),
    ).toEqual(['bookings']);
    expect(frontDesk.tabs.find((x: { id: string }) => x.id === 'invoices').grantors).toEqual([
      expect.objectContaining({ name: 'Admin', role: 'admin' }),
    ]);
  });

  it('an invitation e-mails a 7-day link; the invitee chooses a password and joins with the granted access', async () => {
    const { property, members } = await createHotel(t, {
      Manon: { role: 'user_manager', grants: [{ product: 'front-desk', tab: '*' }] },
    });
    const res = await send(
      'POST',
      `/api/v1/properties/${property.id}/invitations`,
      members.Manon?.cookie ?? '',
      {
        email: 'New.Person@Hotel.example',
        role: 'member',
        language: 'fr',
        grants: [{ product: 'front-desk', tab: 'housekeeping' }],
      },
    );
    expect(res.statusCode).toBe(201);
    expect(Date.parse(res.json().expiresAt) - t.clock.now()).toBe(7 * 86_400_000);
    const mail = await lastMailTo(t, 'new.person@hotel.example');
    expect(mail?.subject).toBe('Manon vous invite sur Portier pour Hôtel Bellevue');
    const token = /accept-invitation#token=([A-Za-z0-9_-]{43})/.exec(mail?.text_body ?? '')?.[1] ?? '';
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/lookup',
      headers: jsonHeaders(),
      payload: { token },
    });
    expect(lookup.json()).toMatchObject({
      propertyName: 'Hôtel Bellevue',
      existingAccount: false,
      role: 'member',
    });
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: jsonHeaders(),
      payload: { token, name: 'Nouvelle Personne', password: 'Lilac-Tundra-Beacon-63', language: 'fr' },
    });
    expect(accept.statusCode).toBe(200);
    const signedIn = await signIn(t, 'new.person@hotel.example', 'Lilac-Tundra-Beacon-63');
    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await get('/api/v1/access?product=front-desk&tab=housekeeping', cookie)).statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: jsonHeaders(),
      payload: { token },
    });
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('the same invitation accepted twice at once (a double click) makes one account: one 200, one invalid_token', async () => {
    const { property, members } = await createHotel(t, { Admin: { role: 'admin' } });
    await send('POST', `/api/v1/properties/${property.id}/invitations`, members.Admin?.cookie ?? '', {
      email: 'twice@hotel.example',
      role: 'member',
    });
    const token = await linkTokenFor(t, 'twice@hotel.example');
    const accept = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        headers: jsonHeaders(),
        payload: { token, name: 'Deux Fois', password: 'Lilac-Tundra-Beacon-63' },
      });
    const answers = await Promise.all([accept(), accept()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.statusCode === 400)?.json().error.code).toBe('invalid_token');
    const users = await t.c.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'twice@hotel.example')
      .execute();
    expect(users).toHaveLength(1);
    expect((await signIn(t, 'twice@hotel.example', 'Lilac-Tundra-Beacon-63')).json()).toEqual({
      status: 'ok',
    });
  });

  it('an existing account invited to a second property joins it and picks the property', async () => {
    const first = await createHotel(t, { Admin: { role: 'admin' }, Lea: { role: 'member' } }, 'Hôtel du Lac');
    const second = await createHotel(t, { Boss: { role: 'admin' } }, 'Hôtel des Pins');
    const lea = first.members.Lea;
    if (!lea) throw new Error('setup');
    await send(
      'POST',
      `/api/v1/properties/${second.property.id}/invitations`,
      second.members.Boss?.cookie ?? '',
      { email: lea.email, role: 'member' },
    );
    const token = await linkTokenFor(t, lea.email);
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: jsonHeaders(),
      payload: { token },
    });
    expect(accept.statusCode).toBe(200);
    const session = (await get('/api/v1/session', lea.cookie)).json();
    expect(session.memberships.map((m: { propertyName: string }) => m.propertyName)).toEqual([
      'Hôtel des Pins',
      'Hôtel du Lac',
    ]);
    expect(
      (await send('POST', '/api/v1/session/property', lea.cookie, { propertyId: second.property.id }))
        .statusCode,
    ).toBe(204);
    expect((await get('/api/v1/session', lea.cookie)).json().activePropertyId).toBe(second.property.id);
    // Remembered for the next sign-in.
    const again = await signIn(t, lea.email, lea.password);
    const cookie = again.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await get('/api/v1/session', cookie)).json().activePropertyId).toBe(second.property.id);
  });

  it('roles change, members are removed (their account stays), reset links are sent', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
      Zoe: { role: 'member' },
    });
    const { Admin, Hugo, Zoe } = members as Required<typeof members>;
    expect(
      (
        await send('POST', `/api/v1/properties/${property.id}/users/${Hugo?.id}/role`, Admin?.cookie ?? '', {
          role: 'user_manager',
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await send(
          'POST',
          `/api/v1/properties/${property.id}/users/${Zoe?.id}/send-reset-link`,
          Admin?.cookie ?? '',
        )
      ).statusCode,
    ).toBe(204);
    expect((await lastMailTo(t, Zoe?.email ?? ''))?.template).toBe('password_reset');
    expect(
      (await send('POST', `/api/v1/properties/${property.id}/users/${Zoe?.id}/remove`, Admin?.cookie ?? ''))
        .statusCode,
    ).toBe(204);
    expect((await signIn(t, Zoe?.email ?? '', Zoe?.password ?? '')).statusCode).toBe(200);
    const users = (await get(`/api/v1/properties/${property.id}/users`, Admin?.cookie ?? '')).json().users;
    expect(users.map((u: { name: string; role: string }) => `${u.name}:${u.role}`).sort()).toEqual([
      'Admin:admin',
      'Hugo:user_manager',
    ]);
  });

  it('a member’s lockout shows in the property’s audit log; a re-sent invitation keeps its language', async () => {
    const { property, members } = await createHotel(t, {
      Manon: { role: 'user_manager' },
      Hugo: { role: 'member' },
    });
    const manon = members.Manon?.cookie ?? '';
    for (let i = 0; i < 7; i++) await signIn(t, members.Hugo?.email ?? '', 'wrong-password-123');
    const log = await get(`/api/v1/properties/${property.id}/audit?action=account.disabled`, manon);
    expect(log.json().events).toEqual([
      expect.objectContaining({ action: 'account.disabled', targetName: 'Hugo' }),
    ]);

    const invite = await send('POST', `/api/v1/properties/${property.id}/invitations`, manon, {
      email: 'camille.dubois@hotel.example',
      name: 'Camille Dubois',
      role: 'member',
      language: 'fr',
    });
    const resend = await send(
      'POST',
      `/api/v1/properties/${property.id}/invitations/${invite.json().id}/resend`,
      manon,
    );
    expect(resend.statusCode).toBe(204);
    const mail = await lastMailTo(t, 'camille.dubois@hotel.example');
    expect(mail?.language).toBe('fr');
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail?.text_body ?? '')?.[1] ?? '';
    // The strength meter knows the invitee: a password made of their name is refused.
    const strength = await t.app.inject({
      method: 'POST',
      url: '/api/v1/passwords/strength',
      headers: jsonHeaders(),
      payload: { password: 'Camille-Dubois-2026', token },
    });
    expect(strength.json()).toMatchObject({ ok: false, problems: ['too_guessable'] });
  });

  it('a mistyped e-mail is corrected by a verified change: the new address confirms, the old one is told', async () => {
    const { property, members } = await createHotel(t, {
      Admin: { role: 'admin' },
      Hugo: { role: 'member' },
    });
    const hugo = members.Hugo;
    if (!hugo || !members.Admin) throw new Error('setup');
    // A reset link already went to the mistyped address (maybe a stranger's mailbox).
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      headers: jsonHeaders(),
      payload: { email: hugo.email },
    });
    const strangersLink = await resetTokenFor(t, hugo.email);
    const res = await send(
      'POST',
      `/api/v1/properties/${property.id}/users/${hugo.id}/email`,
      members.Admin.cookie,
      { email: 'hugo.right@hotel.example' },
    );
    expect(res.statusCode).toBe(202);
    expect((await lastMailTo(t, hugo.email))?.template).toBe('email_change_notice');
    const token =
      /confirm-email#token=([A-Za-z0-9_-]{43})/.exec(
        (await lastMailTo(t, 'hugo.right@hotel.example'))?.text_body ?? '',
      )?.[1] ?? '';
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/email-change/confirm',
      headers: jsonHeaders(),
      payload: { token },
    });
    expect(confirm.json()).toEqual({ email: 'hugo.right@hotel.example' });
    // The link mailed to the old address stops working with it.
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: jsonHeaders(),
      payload: { token: strangersLink, password: 'Stranger-Chosen-Password-42' },
    });
    expect(late.json().error.code).toBe('invalid_token');
    expect((await signIn(t, 'hugo.right@hotel.example', hugo.password)).statusCode).toBe(200);
  });
});

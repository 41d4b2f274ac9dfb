import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

describe.each(dialects)('sign-in happy path (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('a correct password signs in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await t.createUser({ name: 'Inès Moreau' });
    const res = await signIn(t, user.email, user.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    const cookie = res.cookies.find((c) => c.name === 'portier_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url

    const session = await t.app.inject({
      url: '/api/v1/session',
      headers: { cookie: sessionCookieFrom(res) },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ email: user.email, name: 'Inès Moreau' });
  });

  it('only the SHA-256 of the session token is stored', async () => {
    const user = await t.createUser();
    const res = await signIn(t, user.email, user.password);
    const token = res.cookies.find((c) => c.name === 'portier_session')?.value ?? '';
    const rows = await t.c.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the e-mail is trimmed and compared case-insensitively', async () => {
    const user = await t.createUser({ email: 'reception@hotel-bellevue.example' });
    const res = await signIn(t, '  Reception@Hotel-Bellevue.EXAMPLE ', user.password);
    expect(res.statusCode).toBe(200);
  });

  it('a successful sign-in resets the failure counter', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 6; i++)
      expect((await signIn(t, user.email, 'wrong-password-123')).statusCode).toBe(401);
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 6; i++)
      expect((await signIn(t, user.email, 'wrong-password-123')).statusCode).toBe(401);
    // 12 failures in all, never 7 in a row: still active.
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
    const row = await t.c.store.db
      .selectFrom('users')
      .select(['status', 'failed_attempts'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', failed_attempts: 0 });
  });

  it('every sign-in gets a new token (no session fixation)', async () => {
    const user = await t.createUser();
    const first = sessionCookieFrom(await signIn(t, user.email, user.password));
    const second = await signIn(t, user.email, user.password, { cookie: first });
    expect(sessionCookieFrom(second)).not.toBe(first);
  });

  it('sign-out ends the session: the cookie no longer works', async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: jsonHeaders({ cookie }),
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect(await t.c.store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('success, failure and sign-out each leave an audit event with IP and user agent', async () => {
    const user = await t.createUser();
    await signIn(t, user.email, 'not-the-password', { 'user-agent': 'Firefox/140' });
    const cookie = sessionCookieFrom(
      await signIn(t, user.email, user.password, { 'user-agent': 'Firefox/140' }),
    );
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: jsonHeaders({ cookie }),
      payload: {},
    });
    const events = await t.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'ip', 'user_agent'])
      .where('target_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'user.created',
      'sign_in.failed',
      'sign_in.succeeded',
      'sign_out',
    ]);
    expect(events[1]).toMatchObject({ ip: '127.0.0.1', user_agent: 'Firefox/140' });
  });

  it('a request without Origin but with Sec-Fetch-Site: same-origin is accepted', async () => {
    const user = await t.createUser();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(200);
  });
});

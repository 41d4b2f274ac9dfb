import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  dialects,
  jsonHeaders,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(dialects)('automatic sign-out (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let cookie: string;
  const get = (url = '/api/v1/session') => t.app.inject({ url, headers: { cookie } });

  beforeEach(async () => {
    t = await buildTestApp({ dialect });
    clock = t.clock as ManualClock;
    const user = await t.createUser();
    cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
  });
  afterEach(async () => {
    await t.close();
  });

  it('6 hours without activity end the session, and the answer says why', async () => {
    clock.advance(6 * HOUR - MIN);
    expect((await get('/api/v1/session?passive=1')).statusCode).toBe(200);
    clock.advance(MIN);
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthenticated', details: { reason: 'idle_timeout' } });
    // The session row is gone: the cookie stays dead even if the clock went back.
    clock.advance(-HOUR);
    expect((await get()).json().error.details.reason).toBe('missing');
  });

  it('activity moves the idle limit forward', async () => {
    clock.advance(5 * HOUR);
    expect((await get()).statusCode).toBe(200);
    clock.advance(5 * HOUR);
    expect((await get()).statusCode).toBe(200);
  });

  it('?passive=1 reports the remaining time without extending the session', async () => {
    clock.advance(5 * HOUR);
    const passive = await get('/api/v1/session?passive=1');
    expect(passive.statusCode).toBe(200);
    const body = passive.json();
    expect(Date.parse(body.session.idleExpiresAt) - clock.now()).toBe(HOUR);
    expect(body.session).toMatchObject({ idleTimeoutSeconds: 6 * 3600, maxAgeSeconds: 15 * 3600 });
    clock.advance(HOUR);
    expect((await get()).json().error.details.reason).toBe('idle_timeout');
  });

  it('15 hours after sign-in the session ends even when active all along', async () => {
    for (let h = 1; h < 15; h++) {
      clock.advance(HOUR);
      expect((await get()).statusCode).toBe(200);
    }
    clock.advance(HOUR);
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details.reason).toBe('max_age');
  });

  it('the idle expiry never goes past the absolute limit', async () => {
    for (let h = 1; h <= 12; h++) {
      clock.advance(HOUR);
      await get();
    }
    const body = (await get('/api/v1/session?passive=1')).json();
    expect(body.session.idleExpiresAt).toBe(body.session.absoluteExpiresAt);
  });

  it('activity writes are throttled: many requests within a minute write once', async () => {
    clock.advance(2 * MIN);
    expect((await get()).statusCode).toBe(200);
    const first = await t.c.store.db
      .selectFrom('sessions')
      .select('last_activity_at')
      .executeTakeFirstOrThrow();
    clock.advance(10_000);
    for (let i = 0; i < 5; i++) await get();
    const second = await t.c.store.db
      .selectFrom('sessions')
      .select('last_activity_at')
      .executeTakeFirstOrThrow();
    expect(second.last_activity_at).toBe(first.last_activity_at);
    clock.advance(MIN);
    await get();
    const third = await t.c.store.db
      .selectFrom('sessions')
      .select('last_activity_at')
      .executeTakeFirstOrThrow();
    expect(third.last_activity_at).toBe(clock.now());
  });

  it('expired sessions are cleaned up', async () => {
    const other = await t.createUser();
    await signIn(t, other.email, other.password);
    clock.advance(7 * HOUR);
    const fresh = await t.createUser();
    await signIn(t, fresh.email, fresh.password);
    expect(await t.c.sessions.cleanup()).toBe(2);
    expect(await t.c.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('an automatic sign-out is audited with its reason', async () => {
    clock.advance(6 * HOUR);
    await get();
    const event = await t.c.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'session.expired')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.details ?? '{}').reason).toBe('idle_timeout');
  });

  it('a forged or oversized session cookie is simply unauthenticated', async () => {
    for (const value of ['forged', 'x'.repeat(5000), '']) {
      const res = await t.app.inject({
        url: '/api/v1/session',
        headers: { cookie: `portier_session=${value}` },
      });
      expect(res.statusCode).toBe(401);
    }
  });

  it('an unknown query parameter is a 400, not a 500', async () => {
    const res = await get('/api/v1/session?passive=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });
});

describe.each(dialects)('short limits from config (%s)', (dialect) => {
  it('PORTIER_SESSION_IDLE=90s signs out after 90 seconds of inactivity', async () => {
    const t = await buildTestApp({ dialect, config: { sessionIdle: '90s', sessionMax: '10m' } });
    try {
      const user = await t.createUser();
      const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
      const clock = t.clock as ManualClock;
      clock.advance(60_000);
      // idle/10 = 9 s throttle: this activity is written and extends the session.
      expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
      clock.advance(60_000);
      expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
      clock.advance(90_000);
      expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('cookies over https', () => {
  it('are Secure and use the __Host- prefix; HSTS is sent', async () => {
    const t = await buildTestApp({ config: { publicUrl: 'https://login.hotel-vendor.example' } });
    try {
      const user = await t.createUser();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', origin: 'https://login.hotel-vendor.example' },
        payload: { email: user.email, password: user.password },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-portier_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      const session = await t.app.inject({
        url: '/api/v1/session',
        headers: { cookie: `__Host-portier_session=${cookie?.value}` },
      });
      expect(session.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('over plain http on localhost there is no HSTS', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('logout body', () => {
  it('must be JSON even when empty', async () => {
    const t = await buildTestApp();
    try {
      const user = await t.createUser();
      const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { origin: 'http://localhost:3000', cookie },
      });
      expect(res.statusCode).toBe(403);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: jsonHeaders({ cookie }),
        payload: {},
      });
      expect(ok.statusCode).toBe(204);
      expect(ok.headers['set-cookie']).toMatch(/portier_session=;/);
    } finally {
      await t.close();
    }
  });
});

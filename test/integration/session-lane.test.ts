/**
 * GET /api/v1/session over real HTTP, where the fast lane (src/http/fast-lanes.ts) answers in front of
 * Fastify when memory can: the answer must be the route's own, and everything the lane cannot answer
 * must reach the route. On PostgreSQL nothing is answered from memory (no read cache), so the same
 * tests check the route alone there.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/shared/clock.js';
import {
  buildTestApp,
  captureLogs,
  dialects,
  overHttp,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

/** Answers the lane gave so far, as /metrics reports them. */
async function laneAnswers(t: TestApp) {
  const text = await (await t.app.inject({ url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith('portier_fast_lane_answers_total{lane="session"}'));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** A request reaches the server through the event loop; the store's change watch is trusted by then. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** The first check after a sign-in reads the store (the sign-in wrote); later ones can come from memory. */
async function warm(get: Awaited<ReturnType<typeof overHttp>>, cookie: string) {
  await settle();
  expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
}

describe.each(dialects)('GET /api/v1/session over HTTP, fast lane or route (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  const signedIn = async () => {
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    return { user, cookie };
  };

  it('answers exactly what the route answers: body, security headers, request id', async () => {
    t = await buildTestApp({ dialect });
    const get = await overHttp(t);
    const { user, cookie } = await signedIn();
    await warm(get, cookie);
    const before = await laneAnswers(t);
    const viaHttp = await get('/api/v1/session', { headers: { cookie, 'x-request-id': 'trace-42' } });
    const viaRoute = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(viaHttp.status).toBe(200);
    expect(viaHttp.body).toEqual(viaRoute.json());
    expect((viaHttp.body as { user: { email: string } }).user.email).toBe(user.email);
    for (const name of [
      'content-type',
      'content-security-policy',
      'cross-origin-resource-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cache-control',
    ]) {
      expect(viaHttp.headers.get(name), name).toBe(viaRoute.headers[name]);
    }
    expect(viaHttp.headers.get('x-request-id')).toBe('trace-42');
    // On SQLite the lane gave it (the session and memberships were in memory); never on PostgreSQL.
    expect(await laneAnswers(t)).toBe(dialect === 'sqlite' ? before + 1 : 0);
  });

  it('leaves to the route what it cannot answer, which answers as always', async () => {
    t = await buildTestApp({ dialect });
    const get = await overHttp(t);
    const { cookie } = await signedIn();
    await warm(get, cookie);
    const before = await laneAnswers(t);
    expect((await get('/api/v1/session')).status).toBe(401);
    expect((await get('/api/v1/session', { headers: { cookie: 'portier_session=forged' } })).status).toBe(
      401,
    );
    const unknown = await get('/api/v1/session?passive=2', { headers: { cookie } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { code: string } }).error.code).toBe('invalid_request');
    expect((await get('/api/v1/session?passive=1&x=1', { headers: { cookie } })).status).toBe(400);
    expect((await get('/api/v1/session', { method: 'HEAD', headers: { cookie } })).status).toBe(200);
    // None of these was the lane's; the same check with a plain URL is.
    expect(await laneAnswers(t)).toBe(before);
    expect((await get('/api/v1/session?passive=1', { headers: { cookie } })).status).toBe(200);
    expect(await laneAnswers(t)).toBe(dialect === 'sqlite' ? before + 1 : 0);
  });

  it('activity is still recorded, and passive checks still extend nothing', async () => {
    t = await buildTestApp({ dialect });
    const clock = t.clock as ManualClock;
    const get = await overHttp(t);
    const { cookie } = await signedIn();
    await settle();
    type Body = { session: { lastActivityAt: string; idleExpiresAt: string } };
    const first = (await get('/api/v1/session', { headers: { cookie } })).body as Body;
    clock.advance(2 * 60_000); // past the activity-write throttle (min(60 s, idle/10))
    const passive = (await get('/api/v1/session?passive=1', { headers: { cookie } })).body as Body;
    expect(passive.session.lastActivityAt).toBe(first.session.lastActivityAt);
    const active = (await get('/api/v1/session', { headers: { cookie } })).body as Body;
    expect(Date.parse(active.session.lastActivityAt)).toBe(clock.now());
    expect(Date.parse(active.session.idleExpiresAt)).toBeGreaterThan(Date.parse(first.session.idleExpiresAt));
    // After 6 hours without activity: signed out, and told why — even while memory still holds it.
    expect((await get('/api/v1/session?passive=1', { headers: { cookie } })).status).toBe(200);
    clock.advance(6 * 3_600_000);
    const late = await get('/api/v1/session?passive=1', { headers: { cookie } });
    expect(late.status).toBe(401);
    expect((late.body as { error: { details: { reason: string } } }).error.details.reason).toBe(
      'idle_timeout',
    );
  });

  it('a sign-out is seen by the very next check', async () => {
    t = await buildTestApp({ dialect });
    const get = await overHttp(t);
    const { cookie } = await signedIn();
    await settle();
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost:3000' },
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(401);
  });

  it('logs the same two lines as the route, with the request id and no cookie', async () => {
    const { logger, lines } = captureLogs();
    t = await buildTestApp({ dialect, logger });
    const get = await overHttp(t);
    const { cookie } = await signedIn();
    await warm(get, cookie);
    const before = await laneAnswers(t);
    const res = await get('/api/v1/session?passive=1', { headers: { cookie } });
    expect(await laneAnswers(t)).toBe(dialect === 'sqlite' ? before + 1 : 0);
    const id = res.headers.get('x-request-id');
    const own = lines.filter((l) => l.reqId === id);
    expect(own.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(own[0]?.req).toEqual({ method: 'GET', url: '/api/v1/session?passive=1', ip: '127.0.0.1' });
    expect(own[1]?.res).toEqual({ statusCode: 200 });
    expect(JSON.stringify(lines)).not.toContain(cookie.split('=')[1]);
  });

  it('behind a trusted proxy, logs the client address the route logs', async () => {
    const { logger, lines } = captureLogs();
    t = await buildTestApp({ dialect, config: { trustProxy: true }, logger });
    const get = await overHttp(t);
    const { cookie } = await signedIn();
    await settle();
    const headers = { cookie, 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
    // The first check after the sign-in is the route's; the next one, on SQLite, the lane's.
    const viaRoute = await get('/api/v1/session', { headers });
    const before = await laneAnswers(t);
    const viaLane = await get('/api/v1/session', { headers });
    expect(await laneAnswers(t)).toBe(dialect === 'sqlite' ? before + 1 : 0);
    const ipOf = (res: { headers: Headers }) =>
      (
        lines.find((l) => l.reqId === res.headers.get('x-request-id') && l.msg === 'incoming request')
          ?.req as {
          ip?: string;
        }
      )?.ip;
    expect(ipOf(viaRoute)).toBe('203.0.113.7');
    expect(ipOf(viaLane)).toBe('203.0.113.7');
  });
});

describe('GET /api/v1/session on SQLite: another process’s write', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('is seen by the next request (the operator CLI signing someone out)', async () => {
    t = await buildTestApp({ dialect: 'sqlite' });
    const get = await overHttp(t);
    const user = await t.createUser();
    const cookie = sessionCookieFrom(await signIn(t, user.email, user.password));
    await warm(get, cookie);
    const before = await laneAnswers(t);
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    expect((await get('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    expect(await laneAnswers(t)).toBe(before + 2);
    // Another process ends every session of the person, straight in the store.
    const script = `const db = new (require('better-sqlite3'))(process.argv[1]);
      db.prepare('delete from sessions where user_id = ?').run(process.argv[2]); db.close();`;
    execFileSync(process.execPath, ['-e', script, path.join(t.dataDir, 'portier.sqlite'), user.id]);
    const after = await get('/api/v1/session', { headers: { cookie } });
    expect(after.status).toBe(401);
  });
});

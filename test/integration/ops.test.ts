import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  captureLogs,
  dialects,
  sessionCookieFrom,
  signIn,
  type TestApp,
} from '../helpers/app.js';

describe.each(dialects)('health, readiness, metrics and API description (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('/healthz and /readyz answer while the store is reachable', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('/metrics exposes request durations, sign-in outcomes, lockouts and the outbox backlog', async () => {
    const user = await t.createUser();
    await signIn(t, user.email, user.password);
    for (let i = 0; i < 7; i++) await signIn(t, user.email, 'wrong-password-1');
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toContain('portier_sign_in_total{outcome="success"} 1');
    expect(res.body).toContain('portier_sign_in_total{outcome="invalid_credentials"} 7');
    expect(res.body).toContain('portier_lockouts_total 1');
    expect(res.body).toContain('portier_outbox_messages{status="pending"} 1');
    expect(res.body).toMatch(
      /portier_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status="200"\} 1/,
    );
    // Buckets are cumulative and end at +Inf with the count; an unknown path counts as `unmatched`.
    await t.app.inject({ url: '/api/v1/nope' });
    await t.app.inject({ url: '/api/v1/nope' });
    const again = (await t.app.inject({ url: '/metrics' })).body;
    const series = (suffix: string, labels: string) =>
      again
        .split('\n')
        .filter((line) => line.startsWith(`portier_http_request_duration_seconds_${suffix}{${labels}`))
        .map((line) => Number(line.split(' ').pop()));
    const login = 'method="POST",route="/api/v1/auth/login",status="401"';
    const buckets = series('bucket', login);
    expect(buckets).toHaveLength(12);
    expect(buckets.at(-1)).toBe(7);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(again).toContain(`portier_http_request_duration_seconds_bucket{${login},le="+Inf"} 7`);
    expect(series('count', 'method="GET",route="unmatched",status="404"')).toEqual([2]);
    expect(series('sum', 'method="GET",route="unmatched",status="404"')[0]).toBeGreaterThan(0);
  });

  it('/metrics is not for outsiders: another machine, a proxy or a foreign Host get 404', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 7; i++) await signIn(t, user.email, 'wrong-password-1');
    const refused = [
      { remoteAddress: '203.0.113.7' },
      { headers: { 'x-forwarded-for': '203.0.113.7' } },
      { headers: { forwarded: 'for=203.0.113.7' } },
      { headers: { host: 'rebound.example:3000' } },
      { remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer anything-at-all' } },
    ];
    for (const options of refused) {
      const res = await t.app.inject({ url: '/metrics', ...options });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('portier_lockouts_total');
    }
    expect((await t.app.inject({ url: '/metrics' })).body).toContain('portier_lockouts_total 1');
  });

  it('served at a public address, /metrics opens only to the token: a proxy on this machine is not "local"', async () => {
    const served = await buildTestApp({
      dialect,
      config: { publicUrl: 'https://login.hotel-vendor.example' },
    });
    try {
      // nginx's defaults: from 127.0.0.1, Host 127.0.0.1:3000, no forwarding header.
      const res = await served.app.inject({ url: '/metrics', headers: { host: '127.0.0.1:3000' } });
      expect(res.statusCode).toBe(404);
    } finally {
      await served.close();
    }
  });

  it('with PORTIER_METRICS_TOKEN, a scraper elsewhere reads /metrics with that bearer token only', async () => {
    const token = `${'k'.repeat(20)}scrape-token-0123456789`;
    const scraped = await buildTestApp({ dialect, config: { metricsToken: token } });
    try {
      const from = (authorization?: string) =>
        scraped.app.inject({
          url: '/metrics',
          remoteAddress: '203.0.113.7',
          headers: { host: 'portier.hotel.example', ...(authorization ? { authorization } : {}) },
        });
      expect((await from(`Bearer ${token}`)).statusCode).toBe(200);
      expect((await from(`Bearer ${token}`)).body).toContain('portier_sign_in_total');
      expect((await from()).statusCode).toBe(404);
      expect((await from(`Bearer ${token}x`)).statusCode).toBe(404);
      expect((await from(`Basic ${Buffer.from(`x:${token}`).toString('base64')}`)).statusCode).toBe(404);
      expect((await from(`Bearer ${token.slice(1)}`)).statusCode).toBe(404);
    } finally {
      await scraped.close();
    }
  });

  it('the OpenAPI document lists the statuses and error codes the API really answers with', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    const documented = (method: string, path: string, status: number, code: string) =>
      String(doc.paths[path]?.[method]?.responses?.[String(status)]?.description ?? '').includes(
        `\`${code}\``,
      );
    const user = await t.createUser();
    const json = { 'content-type': 'application/json', origin: 'http://localhost:3000' };
    const answers = [
      ['post', '/api/v1/auth/logout', { headers: { ...json, origin: 'https://evil.example' }, payload: {} }],
      ['post', '/api/v1/auth/logout', { headers: json, payload: '{' }],
      [
        'post',
        '/api/v1/auth/password-reset',
        { headers: { ...json, origin: 'https://evil.example' }, payload: {} },
      ],
      [
        'post',
        '/api/v1/auth/login',
        { headers: json, payload: { email: user.email, password: 'wrong-password' } },
      ],
      [
        'post',
        '/api/v1/auth/login',
        { headers: json, payload: { email: user.email, password: 'x'.repeat(2000) } },
      ],
      [
        'post',
        '/api/v1/auth/login',
        { headers: json, payload: { email: 'x'.repeat(70_000), password: 'p' } },
      ],
      ['get', '/api/v1/session', {}],
    ] as const;
    for (const [method, url, options] of answers) {
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET' | 'POST', url, ...options });
      const code = res.json().error?.code;
      expect(
        documented(method, url, res.statusCode, code),
        `${method} ${url} ${res.statusCode} ${code}`,
      ).toBe(true);
    }
    const login = doc.paths['/api/v1/auth/login'].post.responses;
    expect(login['200'].headers['Set-Cookie']).toBeDefined();
    expect(login['429'].headers['Retry-After']).toBeDefined();
    expect(documented('post', '/api/v1/auth/login', 403, 'account_disabled')).toBe(true);
    expect(documented('get', '/readyz', 503, 'service_unavailable')).toBe(true);
    expect(doc.paths['/api/v1/session'].get.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
  });

  it('the OpenAPI document describes the core endpoints from the route schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/session',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });
});

describe('HTTP headers and unknown routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('security headers: CSP without inline script, no framing, nosniff, no referrer', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('API answers carry the headers that apply to JSON; pages get helmet’s whole set', async () => {
    const api = await t.app.inject({ url: '/api/v1/session' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(api.headers['x-powered-by']).toBeUndefined();
    // Document-only headers are not sent with JSON.
    expect(api.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(api.headers['origin-agent-cluster']).toBeUndefined();
    const page = await t.app.inject({ url: '/healthz' });
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['origin-agent-cluster']).toBe('?1');
    expect(page.headers['cache-control']).toBeUndefined();
  });

  it('a percent-encoded API path gets the API’s headers, as the route it reaches', async () => {
    const res = await t.app.inject({ url: '/%61pi/v1/session' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('URLs the router refuses get the API’s error answer and headers, in the request’s language', async () => {
    const bad = await t.app.inject({
      url: '/api/v1/session%zz',
      headers: { 'accept-language': 'fr', 'x-request-id': 'bad-url-1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: { code: 'invalid_request', message: 'L’adresse demandée est mal formée.' },
    });
    expect(bad.body).not.toContain('%zz');
    expect(bad.headers['x-request-id']).toBe('bad-url-1');
    expect(bad.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const long = await t.app.inject({ url: `/api/v1/properties/${'p'.repeat(300)}/users` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({
      error: { code: 'uri_too_long', message: 'The requested address is too long.' },
    });
    expect(long.headers['cache-control']).toBe('no-store');
  });

  it('API answers are never cached and carry a request id', async () => {
    const res = await t.app.inject({ url: '/api/v1/session', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const hostile = await t.app.inject({ url: '/api/v1/session', headers: { 'x-request-id': '<script>' } });
    const generated = String(hostile.headers['x-request-id']);
    expect(generated).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
    // Every request without one gets its own.
    const next = await t.app.inject({ url: '/api/v1/session' });
    expect(next.headers['x-request-id']).not.toBe(generated);
    expect(String(next.headers['x-request-id']).split('-')[0]).toBe(generated.split('-')[0]);
  });

  it('an unknown API path is a JSON 404 in the request language', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Ressource introuvable.' } });
  });
});

describe('logs', () => {
  it('carry request ids and never a password, token or cookie', async () => {
    const { logger, lines, text } = captureLogs();
    const t = await buildTestApp({ logger });
    try {
      const password = 'Very-Secret-Password-42';
      const user = await t.createUser({ password });
      const res = await signIn(t, user.email, password);
      const cookie = sessionCookieFrom(res);
      const check = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
      await t.app.inject({ url: '/reset-password?token=abcdefsecret' });
      const all = text();
      expect(all).toContain('"reqId"');
      // Each request's lines carry its own id, the one its answer names.
      const ofCheck = lines.filter((l) => l.reqId === check.headers['x-request-id']);
      expect(ofCheck.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
      expect(all).not.toContain(password);
      expect(all).not.toContain(cookie.split('=')[1]);
      expect(all).not.toContain('abcdefsecret');
    } finally {
      await t.close();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, listenProblem, loadConfig, parseDuration, startupNotices } from './config.js';

describe('config', () => {
  it('defaults are the article’s numbers', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      lockoutThreshold: 7,
      sessionIdle: 6 * 3_600_000,
      sessionMax: 15 * 3_600_000,
      passwordMaxAge: 90 * 86_400_000,
      loginIpLimit: 50,
      suspendAfterUnpaid: 2,
      reactivationDelay: 0,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
    });
  });

  it('PORTIER_PUBLIC_URL may be plain http on this machine only; https means Secure cookies', () => {
    for (const local of [
      'http://localhost:3000',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'http://portier.localhost',
    ]) {
      expect(loadConfig({ PORTIER_PUBLIC_URL: local }).secureCookies).toBe(false);
    }
    expect(loadConfig({ PORTIER_PUBLIC_URL: 'https://login.example.com' }).secureCookies).toBe(true);
    expect(loadConfig({ PORTIER_PUBLIC_URL: ' https://login.example.com/ ' }).publicUrl).toBe(
      'https://login.example.com',
    );
    expect(() => loadConfig({ PORTIER_PUBLIC_URL: 'http://login.example.com' })).toThrowError(/https/);
  });

  it('the local mailbox is on by default only for the embedded store served to this machine alone', () => {
    expect(loadConfig({}).devMailbox).toBe(true);
    expect(loadConfig({ HOST: '::1' }).devMailbox).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).devMailbox).toBe(false);
    expect(loadConfig({ HOST: '::' }).devMailbox).toBe(false);
    expect(loadConfig({ PORTIER_PUBLIC_URL: 'https://login.hotel.example' }).devMailbox).toBe(false);
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' }).devMailbox).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).devMailbox).toBe(false);
    // Turned on by hand where other machines reach Portier: said at start-up.
    const exposed = loadConfig({
      HOST: '0.0.0.0',
      PORTIER_DEV_MAILBOX: 'true',
      PORTIER_PUBLIC_URL: 'https://a.example',
    });
    expect(exposed.devMailbox).toBe(true);
    expect(startupNotices(exposed)).toEqual([expect.stringContaining('PORTIER_DEV_MAILBOX is on')]);
  });

  it('tells the operator when other machines can reach Portier but its public address is still localhost', () => {
    const notices = (env: Record<string, string>) => startupNotices(loadConfig(env));
    expect(notices({})).toEqual([]);
    expect(notices({ HOST: 'localhost' })).toEqual([]);
    expect(notices({ HOST: '::1' })).toEqual([]);
    expect(notices({ HOST: '0.0.0.0', PORTIER_PUBLIC_URL: 'https://login.hotel.example' })).toEqual([]);
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      const [notice, ...rest] = notices({ HOST: host, PORT: '8080' });
      expect(rest).toEqual([]);
      expect(notice).toContain(`HOST=${host}`);
      expect(notice).toContain('PORTIER_PUBLIC_URL');
      expect(notice).toContain('http://localhost:8080');
    }
  });

  it('PORTIER_TRUST_PROXY: off, every hop, a number of hops or a list of proxy addresses', () => {
    const trust = (value: string) => loadConfig({ PORTIER_TRUST_PROXY: value }).trustProxy;
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/255.0.0.0')).toEqual(['10.0.0.0/255.0.0.0']);
    expect(trust('10.0.0.0/8, 192.0.2.7,loopback,2001:db8::/32')).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      'loopback',
      '2001:db8::/32',
    ]);
  });

  it('parses durations such as 90s, 6h, 90d', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('90d')).toBe(7_776_000_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('6 hours')).toBeNull();
  });

  it.each([
    ['PORTIER_SESSION_IDLE', 'six hours'],
    ['PORTIER_LOCKOUT_THRESHOLD', '0'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PORTIER_PUBLIC_URL', 'not a url'],
    ['PORTIER_PUBLIC_URL', 'http://login.example.com'],
    ['PORTIER_TRUST_PROXY', '10.0.0.0/33'],
    ['PORTIER_TRUST_PROXY', '0.0.0.0/0'],
    ['PORTIER_TRUST_PROXY', '10.0.0.0/255.0.255.0'],
    ['PORTIER_TRUST_PROXY', 'proxy.example'],
    ['PORTIER_TRUST_PROXY', '500'],
  ])('an invalid %s stops start-up with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(name));
  });

  it('PORTIER_METRICS_TOKEN must be long, printable and without spaces', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    const good = 'a3f1'.repeat(16);
    expect(loadConfig({ PORTIER_METRICS_TOKEN: good }).metricsToken).toBe(good);
    for (const bad of ['short-token', `${'a'.repeat(40)} b`, `${'a'.repeat(40)}\u00e9`]) {
      expect(() => loadConfig({ PORTIER_METRICS_TOKEN: bad })).toThrow(/PORTIER_METRICS_TOKEN: must/);
    }
  });

  it('durations are bounded: timers cannot overflow, expiries stay sane; the message says the range', () => {
    expect(loadConfig({ PORTIER_LOGIN_IP_WINDOW: '24d' }).loginIpWindow).toBe(24 * 86_400_000);
    for (const [name, value] of [
      ['PORTIER_LOGIN_IP_WINDOW', '25d'],
      ['PORTIER_OUTBOX_POLL', '30d'],
      ['PORTIER_SESSION_MAX', '99999999999d'],
      ['PORTIER_SESSION_IDLE', '30d'],
      ['PORTIER_PASSWORD_MAX_AGE', '4000d'],
      ['PORTIER_RESET_TOKEN_TTL', '30d'],
    ]) {
      expect(() => loadConfig({ [name as string]: value })).toThrowError(
        new RegExp(`${name}: expected a duration between`),
      );
    }
  });

  it('whole numbers are written in digits: blank, hex and exponents are refused', () => {
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    for (const value of [' ', '0x50', '1e3', '80.5', '-1', '70000']) {
      expect(() => loadConfig({ PORT: value })).toThrowError(
        /PORT: expected a whole number between 0 and 65535/,
      );
    }
    expect(() => loadConfig({ PORTIER_LOCKOUT_THRESHOLD: '7 attempts' })).toThrowError(
      /PORTIER_LOCKOUT_THRESHOLD/,
    );
  });

  it('PORTIER_PUBLIC_URL is the address alone: no path, query, fragment or credentials', () => {
    expect(loadConfig({ PORTIER_PUBLIC_URL: 'https://login.example.com/' }).publicUrl).toBe(
      'https://login.example.com',
    );
    for (const value of [
      'https://login.example.com/?lang=fr',
      'https://login.example.com/#x',
      'https://user:pw@login.example.com',
      'https://login.example.com/portier',
    ]) {
      expect(() => loadConfig({ PORTIER_PUBLIC_URL: value })).toThrowError(
        /PORTIER_PUBLIC_URL: expected the address alone/,
      );
    }
  });

  it('a HOST or PORT Portier cannot listen on is explained, naming the variable', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const port = (busy.address() as import('node:net').AddressInfo).port;
    const error = await new Promise<Error>((resolve) => {
      const second = createServer();
      second.on('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    busy.close();
    expect(listenProblem(error, { host: '127.0.0.1', port })).toMatch(
      new RegExp(`^PORT: ${port} is already in use`),
    );
    const unknown = Object.assign(new Error('getaddrinfo ENOTFOUND localhsot'), { code: 'ENOTFOUND' });
    expect(listenProblem(unknown, { host: 'localhsot', port: 3000 })).toMatch(/^HOST: localhsot is not/);
    expect(listenProblem(new Error('other'), { host: 'x', port: 1 })).toBeUndefined();
  });

  it('an idle limit longer than the absolute limit is refused', () => {
    expect(() => loadConfig({ PORTIER_SESSION_IDLE: '16h' })).toThrowError(/PORTIER_SESSION_IDLE/);
  });

  it('an https public URL turns on secure cookies', () => {
    expect(loadConfig({ PORTIER_PUBLIC_URL: 'https://login.example.com/' })).toMatchObject({
      publicUrl: 'https://login.example.com',
      publicOrigin: 'https://login.example.com',
      secureCookies: true,
      signInDomain: 'login.example.com',
    });
  });

  it('reads an optional JSON config file; the environment wins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portier-config-'));
    const file = path.join(dir, 'portier.json');
    writeFileSync(file, JSON.stringify({ PORTIER_LOCKOUT_THRESHOLD: 5, PORT: 4000 }));
    expect(loadConfig({ PORTIER_CONFIG_FILE: file, PORT: '5000' })).toMatchObject({
      lockoutThreshold: 5,
      port: 5000,
    });
    writeFileSync(file, JSON.stringify({ NOPE: 1 }));
    expect(() => loadConfig({ PORTIER_CONFIG_FILE: file })).toThrowError(/unknown setting NOPE/);
    writeFileSync(file, '{not json');
    expect(() => loadConfig({ PORTIER_CONFIG_FILE: file })).toThrowError(/not valid JSON/);
  });
});

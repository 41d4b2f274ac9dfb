/**
 * Configuration: every variable of SPEC §8, parsed and validated once at start-up and passed down.
 * An invalid value stops start-up with a message naming the variable.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import { z } from 'zod';
import { bracketed, isLocalHostname } from './shared/hosts.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `6h`, `90d`, `500ms` (or a bare number of seconds) into milliseconds. */
export function parseDuration(input: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(input);
  if (!match) return null;
  const value = Number(match[1]);
  const unit = UNITS[match[2] ?? 's'] ?? 1000;
  const ms = Math.round(value * unit);
  return Number.isFinite(ms) ? ms : null;
}

/** The longest delay a Node or browser timer can wait (2^31 - 1 ms, about 24.8 days): past it, it fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

const DAY_MS = 86_400_000;

/** A duration for people to read in a message: whole days, hours, minutes or seconds. */
function spoken(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)}d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms >= 1000 ? `${Math.floor(ms / 1000)}s` : `${ms}ms`;
}

/** A duration between `min` and `max` ms; `max` defaults to what a timer can wait. */
const duration = (min = 0, max = MAX_TIMER_MS) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
    if (ms === null || !Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 90s, 15m, 6h or 90d' });
      return z.NEVER;
    }
    if (ms < min || ms > max) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration between ${spoken(min)} and ${spoken(max)}`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** A whole number written in digits (not `0x50`, `1e3` or blank), between `min` and `max`. */
const integer = (min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number between ${min} and ${max}` });
      return z.NEVER;
    }
    return n;
  });

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${protocols.join(' or ')}//`,
  );

/** Environment variable name → config key. The file form uses the same names. */
const ENV = {
  PORT: 'port',
  HOST: 'host',
  PORTIER_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  SMTP_URL: 'smtpUrl',
  PORTIER_MAIL_FROM: 'mailFrom',
  PORTIER_PUBLIC_URL: 'publicUrl',
  PORTIER_SIGN_IN_DOMAIN: 'signInDomain',
  PORTIER_PRODUCT_NAME: 'productName',
  PORTIER_SESSION_IDLE: 'sessionIdle',
  PORTIER_SESSION_MAX: 'sessionMax',
  PORTIER_LOCKOUT_THRESHOLD: 'lockoutThreshold',
  PORTIER_PASSWORD_MAX_AGE: 'passwordMaxAge',
  PORTIER_LOGIN_IP_LIMIT: 'loginIpLimit',
  PORTIER_LOGIN_IP_WINDOW: 'loginIpWindow',
  PORTIER_SUSPEND_AFTER_UNPAID: 'suspendAfterUnpaid',
  PORTIER_REACTIVATION_DELAY: 'reactivationDelay',
  PORTIER_LOG_LEVEL: 'logLevel',
  PORTIER_DEMO_DATA: 'demoData',
  PORTIER_TRUST_PROXY: 'trustProxy',
  PORTIER_OUTBOX_POLL: 'outboxPoll',
  PORTIER_BODY_LIMIT: 'bodyLimit',
  PORTIER_REQUEST_TIMEOUT: 'requestTimeout',
  PORTIER_PASSWORD_MIN_LENGTH: 'passwordMinLength',
  PORTIER_PASSWORD_MAX_LENGTH: 'passwordMaxLength',
  PORTIER_PASSWORD_HISTORY: 'passwordHistory',
  PORTIER_PASSWORD_REMINDER_DAYS: 'passwordReminderDays',
  PORTIER_RESET_TOKEN_TTL: 'resetTokenTtl',
  PORTIER_RESET_LIMIT_PER_ADDRESS: 'resetLimitPerAddress',
  PORTIER_RESET_LIMIT_PER_IP: 'resetLimitPerIp',
  PORTIER_DEV_MAILBOX: 'devMailbox',
  PORTIER_PRODUCTS_FILE: 'productsFile',
  PORTIER_MFA_KEY: 'mfaKey',
  PORTIER_TRUSTED_DEVICE_DAYS: 'trustedDeviceDays',
  PORTIER_INVITATION_TTL: 'invitationTtl',
  PORTIER_READ_CACHE_ENTRIES: 'readCacheEntries',
  PORTIER_METRICS_TOKEN: 'metricsToken',
} as const satisfies Record<string, string>;

const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

/**
 * Whether proxy-addr, which reads the list, accepts it: addresses, CIDR or netmask ranges and its
 * names (`loopback`, `linklocal`, `uniquelocal`). It refuses anything else, including a /0 — trusting
 * every address is spelled `true`, on purpose.
 */
function compilesAsProxyList(items: string[]): boolean {
  try {
    proxyAddr.compile(items);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which proxies' `X-Forwarded-*` headers to believe: `false` (none), a number of hops (`1`: the
 * nearest proxy, whose own peer is the client), a list of proxy addresses or ranges
 * (`10.0.0.0/8,loopback`), or `true` (every hop — then the client address is the left-most
 * `X-Forwarded-For` entry, which a client can write itself unless the proxy replaces the header).
 */
const trustProxy = z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value).trim().toLowerCase();
  if (value === true || text === 'true' || text === 'yes') return true;
  if (value === false || text === 'false' || text === 'no' || text === '0' || text === '') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops <= 100) return hops;
  } else {
    const items = text.split(',').map((item) => item.trim());
    if (compilesAsProxyList(items)) return items;
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'expected false, true, a number of proxy hops (1–100) or a comma-separated list of proxy addresses or ranges, e.g. 10.0.0.0/8,loopback',
  });
  return z.NEVER;
});

export const configSchema = z
  .object({
    port: integer(0, 65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: url(['postgres:', 'postgresql:']).optional(),
    redisUrl: url(['redis:', 'rediss:']).optional(),
    smtpUrl: url(['smtp:', 'smtps:']).optional(),
    mailFrom: z.string().min(3).default('Portier <no-reply@portier.localhost>'),
    publicUrl: url(['http:', 'https:'])
      .refine((value) => {
        if (!URL.canParse(value)) return true; // reported by url() already
        const { protocol, hostname } = new URL(value);
        return protocol === 'https:' || isLocalHostname(hostname);
      }, 'expected an https URL outside localhost (session cookies are Secure there), e.g. https://login.example.com')
      .refine((value) => {
        if (!URL.canParse(value)) return true;
        // Links are built as PUBLIC_URL + '/reset-password#…': a query, fragment or path would break
        // every one of them, and credentials would be mailed to everyone.
        const u = new URL(value);
        return !u.username && !u.password && !u.search && !u.hash && u.pathname === '/';
      }, 'expected the address alone (scheme, host and port), without a path, query, fragment or user, e.g. https://login.example.com')
      .optional(),
    signInDomain: z.string().min(1).optional(),
    productName: z.string().min(1).max(60).default('Portier'),
    sessionIdle: duration(1000).prefault('6h'),
    sessionMax: duration(1000).prefault('15h'),
    lockoutThreshold: integer(1, 1000).default(7),
    passwordMaxAge: duration(60_000, 3650 * DAY_MS).prefault('90d'),
    loginIpLimit: integer(1, 1_000_000).default(50),
    loginIpWindow: duration(1000).prefault('15m'),
    suspendAfterUnpaid: integer(1, 100).default(2),
    reactivationDelay: duration(0).prefault('0s'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    demoData: booleanish.default(true),
    trustProxy: trustProxy.default(false),
    outboxPoll: duration(10, 3_600_000).prefault('1s'),
    bodyLimit: integer(1024, 50 * 1024 * 1024).default(64 * 1024),
    // How long a request may take to arrive whole: a client trickling its body must not hold a
    // connection for ever (Fastify's default, none, turns Node's own limit off).
    requestTimeout: duration(1000, 3_600_000).prefault('30s'),
    passwordMinLength: integer(8, 64).default(12),
    passwordMaxLength: integer(64, 1024).default(128),
    passwordHistory: integer(1, 24).default(4),
    passwordReminderDays: z
      .union([z.string(), z.array(z.number())])
      .transform((value, ctx) => {
        const days = typeof value === 'string' ? value.split(',').map((d) => Number(d.trim())) : value;
        if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) {
          ctx.addIssue({
            code: 'custom',
            message: 'expected a comma-separated list of days between 1 and 60, e.g. 14,3',
          });
          return z.NEVER;
        }
        return [...new Set(days)].sort((a, b) => a - b);
      })
      .prefault('14,3'),
    resetTokenTtl: duration(60_000, 7 * DAY_MS).prefault('1h'),
    resetLimitPerAddress: integer(1, 1000).default(5),
    resetLimitPerIp: integer(1, 100_000).default(30),
    devMailbox: booleanish.optional(),
    productsFile: z.string().min(1).optional(),
    invitationTtl: duration(60_000, 90 * DAY_MS).prefault('7d'),
    mfaKey: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected 32 random bytes, base64-encoded')
      .optional(),
    trustedDeviceDays: integer(1, 90).default(30),
    readCacheEntries: integer(0, 1_000_000).default(10_000),
    // A bearer token for scrapers on other machines: long, and sent as an HTTP header as it is.
    metricsToken: z
      .string()
      .min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)')
      .max(512, 'must be at most 512 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
  })
  .transform((c) => {
    const publicUrl = (c.publicUrl?.trim() ?? `http://localhost:${c.port}`).replace(/\/+$/, '');
    const url = new URL(publicUrl);
    const local = isLocalHostname(url.hostname);
    return {
      ...c,
      publicUrl,
      publicOrigin: url.origin,
      secureCookies: url.protocol === 'https:',
      // Served at an address of this machine (a local install), not to the world.
      publicUrlIsLocal: local,
      signInDomain: c.signInDomain ?? url.hostname,
      dataDir: path.resolve(c.dataDir),
      // The local mailbox shows every e-mail, reset links included: on by default only for the
      // embedded default (no SMTP, no PostgreSQL) served to this machine alone.
      devMailbox:
        c.devMailbox ?? (!c.smtpUrl && !c.databaseUrl && isLocalHostname(bracketed(c.host)) && local),
    };
  });

/**
 * What the operator should hear at start-up about this configuration (printed by main.ts):
 * - Portier listens beyond this machine (`HOST`) while its public address is still the default
 *   `http://localhost:…`: browsers elsewhere send another Origin, so the CSRF guard refuses their
 *   sign-ins; nobody there can sign in, and the cause is not obvious.
 * - The local mailbox was turned on by hand where other machines reach Portier: it still answers
 *   only requests made on this machine (dev-mailbox.routes.ts), which is worth saying.
 */
export function startupNotices(config: Pick<Config, 'host' | 'publicUrl' | 'devMailbox'>): string[] {
  const notices: string[] = [];
  const exposed = !isLocalHostname(bracketed(config.host));
  if (exposed && isLocalHostname(new URL(config.publicUrl).hostname)) {
    notices.push(
      `HOST=${config.host} lets other machines reach Portier, but PORTIER_PUBLIC_URL is not set: their ` +
        `browsers will be refused (Portier only accepts pages from ${new URL(config.publicUrl).origin}). ` +
        'Set PORTIER_PUBLIC_URL to the https address people use.',
    );
  }
  if (exposed && config.devMailbox) {
    notices.push(
      'PORTIER_DEV_MAILBOX is on while other machines reach Portier: the local mailbox shows every ' +
        'e-mail, reset links included, so it answers only requests made on this machine, not through a proxy.',
    );
  }
  return notices;
}

/** What to tell the operator when Portier cannot listen where HOST and PORT say, or undefined. */
export function listenProblem(error: unknown, config: { host: string; port: number }): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${config.host}:${config.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT: ${config.port} is already in use on ${config.host} (another Portier?). Stop it or set PORT.`;
    case 'EACCES':
      return `PORT: ${config.port} needs privileges this process lacks. Use a port above 1023 or set PORT.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST: ${config.host} is not an address or a name this machine knows (e.g. 127.0.0.1, 0.0.0.0 or ::).`;
    case 'EADDRNOTAVAIL':
      return `HOST: ${config.host} is not an address of this machine, so Portier cannot listen on ${where}.`;
    default:
      return undefined;
  }
}

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment (and `PORTIER_CONFIG_FILE`, a JSON file using the same variable names),
 * validates everything once and returns a frozen config. Environment beats file.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ConfigInput> = {},
): Config {
  const raw: Record<string, unknown> = {};
  const file = env.PORTIER_CONFIG_FILE;
  if (file) {
    if (!existsSync(file)) throw new ConfigError(`PORTIER_CONFIG_FILE: ${file} does not exist`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`PORTIER_CONFIG_FILE: ${file} is not valid JSON (${(error as Error).message})`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(`PORTIER_CONFIG_FILE: ${file} must hold a JSON object`);
    }
    for (const [name, value] of Object.entries(parsed)) {
      const key = ENV[name as keyof typeof ENV];
      if (!key) throw new ConfigError(`PORTIER_CONFIG_FILE: unknown setting ${name}`);
      raw[key] = value;
    }
  }
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  Object.assign(raw, overrides);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const byKey = Object.fromEntries(Object.entries(ENV).map(([name, key]) => [key, name]));
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${byKey[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = result.data;
  if (config.sessionIdle > config.sessionMax) {
    throw new ConfigError('PORTIER_SESSION_IDLE: must not be longer than PORTIER_SESSION_MAX');
  }
  return Object.freeze(config);
}

/**
 * The one composition root: config → store → queries/services → what the routes need.
 * No module-level singletons; tests build as many containers as they like.
 */
import pino, { type Logger } from 'pino';
import { createAccessService } from './access/access.service.js';
import { DEFAULT_PRODUCTS_FILE, loadCatalogue } from './access/catalogue.js';
import { createAuditRecorder } from './audit/audit.service.js';
import type { Config } from './config.js';
import { createStore, type Store } from './db/database.js';
import { createReadCache } from './db/read-cache.js';
import { createJobWorker } from './jobs/jobs.worker.js';
import {
  createMfaService,
  EMAIL_CODES_PER_USER,
  MFA_CODE_FAILURES_PER_USER,
  MFA_USER_WINDOW_MS,
} from './mfa/mfa.service.js';
import { createMailer } from './notifications/notifications.service.js';
import { countOutboxByStatus } from './notifications/outbox.queries.js';
import { createOutboxWorker } from './notifications/outbox.worker.js';
import {
  createMailboxTransport,
  createSmtpTransport,
  type MailTransport,
} from './notifications/transports.js';
import { createMetrics } from './observability/metrics.js';
import {
  CURRENT_PASSWORD_FAILURES_PER_USER,
  CURRENT_PASSWORD_WINDOW_MS,
  createPasswordHasher,
} from './passwords/hashing.js';
import { createPasswordsService, RESET_JOB } from './passwords/passwords.service.js';
import { createPasswordChecker, type PasswordChecker } from './passwords/policy.js';
import { createPropertiesService } from './properties/properties.service.js';
import type { CookiePolicy } from './sessions/cookie.js';
import { createSessionService } from './sessions/sessions.service.js';
import { type Clock, systemClock } from './shared/clock.js';
import { createLimiter } from './shared/limiter.js';
import { createSecretBox, loadOrCreateKey } from './shared/secret-box.js';
import { createSignInService } from './sign-in/sign-in.service.js';
import { createUsersService } from './users/users.service.js';

export interface ContainerOverrides {
  clock?: Clock;
  store?: Store;
  transport?: MailTransport;
  logger?: Logger;
  /** A password checker to share (its worker holds ~30 MB of dictionaries; tests share one). */
  checker?: PasswordChecker;
  /** Collect Node's default process metrics (off in tests: they are global to the process). */
  processMetrics?: boolean;
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}) {
  const clock = overrides.clock ?? systemClock;
  const logger =
    overrides.logger ??
    pino({
      level: config.logLevel,
      redact: { paths: ['password', '*.password', 'token', '*.token'], censor: '[redacted]' },
    });
  // Redis down: the per-IP limits fall back to each node's memory (shared/limiter.ts). Said once a minute.
  let lastRedisWarning = 0;
  const redisTrouble = (error: Error) => {
    if (Date.now() - lastRedisWarning < 60_000) return;
    lastRedisWarning = Date.now();
    logger.warn(
      { err: error.message },
      "Redis unreachable: per-IP limits count in this node's memory meanwhile",
    );
  };
  const store =
    overrides.store ??
    createStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      statementTimeoutMs: config.requestTimeout,
      onConnectionError: (error) =>
        logger.warn({ err: error.message }, 'a PostgreSQL connection was ended; the pool opens another'),
    });
  const audit = createAuditRecorder(clock);
  const hasher = await createPasswordHasher();
  const transport =
    overrides.transport ??
    (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : createMailboxTransport(config.dataDir));
  const metrics = createMetrics({
    collectDefaults: overrides.processMetrics ?? false,
    outboxCounts: () => countOutboxByStatus(store.db),
  });
  const mailer = createMailer({
    clock,
    mailContext: {
      productName: config.productName,
      publicUrl: config.publicUrl,
      signInDomain: config.signInDomain,
    },
  });
  const outbox = createOutboxWorker({
    store,
    clock,
    transport,
    from: config.mailFrom,
    pollMs: config.outboxPoll,
    log: logger.child({ component: 'outbox' }),
    domain: config.signInDomain,
    onResult: (result) => metrics.mailDeliveries.inc({ result }),
  });
  // Session checks read from memory while the (SQLite) store is unchanged; see db/read-cache.ts.
  const readCache = createReadCache(store, { maxEntries: config.readCacheEntries });
  const sessions = createSessionService({
    store,
    readCache,
    clock,
    audit,
    idleMs: config.sessionIdle,
    maxMs: config.sessionMax,
  });
  const ownChecker = !overrides.checker;
  const checker =
    overrides.checker ??
    createPasswordChecker({
      policy: { minLength: config.passwordMinLength, maxLength: config.passwordMaxLength, minScore: 3 },
      productWords: [
        config.productName,
        'portier',
        config.signInDomain,
        ...config.signInDomain.split('.'),
        'hotel',
        'hôtel',
        'reception',
      ],
    });
  const jobs = createJobWorker({
    store,
    clock,
    pollMs: config.outboxPoll,
    log: logger.child({ component: 'jobs' }),
    onCompleted: () => outbox.kick(),
  });
  const ipLimiter = createLimiter({
    store,
    keyPrefix: 'login_ip',
    points: config.loginIpLimit,
    windowMs: config.loginIpWindow,
    redisUrl: config.redisUrl,
    onStoreError: redisTrouble,
  });
  const hour = 3_600_000;
  const resetLimits = {
    perIp: createLimiter({
      store,
      keyPrefix: 'reset_ip',
      points: config.resetLimitPerIp,
      windowMs: hour,
      redisUrl: config.redisUrl,
      onStoreError: redisTrouble,
    }),
    perAddress: createLimiter({
      store,
      keyPrefix: 'reset_addr',
      points: config.resetLimitPerAddress,
      windowMs: hour,
      redisUrl: config.redisUrl,
      onStoreError: redisTrouble,
    }),
  };
  const strengthLimiter = createLimiter({
    store,
    keyPrefix: 'strength_ip',
    points: 120,
    windowMs: 60_000,
    redisUrl: config.redisUrl,
    onStoreError: redisTrouble,
  });
  // Wrong current passwords per person (account page, re-authentication before factor changes):
  // whoever holds an open session (a shared front-desk computer) must not get unlimited guesses.
  const currentPasswordLimiter = createLimiter({
    store,
    keyPrefix: 'current_pw',
    points: CURRENT_PASSWORD_FAILURES_PER_USER,
    windowMs: CURRENT_PASSWORD_WINDOW_MS,
    redisUrl: config.redisUrl,
    onStoreError: redisTrouble,
  });
  const passwords = createPasswordsService({
    store,
    clock,
    config,
    hasher,
    checker,
    sessions,
    mailer,
    audit,
    jobs,
    resetLimits,
    currentPasswordLimiter,
    onMailQueued: () => outbox.kick(),
    // No trusted device here: a new password's challenge is always asked for.
    secondStep: async (userId, pending) => {
      const step = await mfa.secondStep(userId, undefined, pending);
      return step === 'trusted_device' ? null : step;
    },
    entryRefusal: (userId) => signIn.entryRefusal(userId),
  });
  jobs.register(RESET_JOB, (payload, trx) => passwords.handleResetRequest(payload, trx));
  // Wrong second-factor codes per person, across challenges: whoever holds the password can open a
  // new challenge at will, so the 5 tries of one challenge alone do not bound guessing.
  const mfaUserLimiter = createLimiter({
    store,
    keyPrefix: 'mfa_user',
    points: MFA_CODE_FAILURES_PER_USER,
    windowMs: MFA_USER_WINDOW_MS,
    redisUrl: config.redisUrl,
    onStoreError: redisTrouble,
  });
  const mfaEmailCodeLimiter = createLimiter({
    store,
    keyPrefix: 'mfa_email',
    points: EMAIL_CODES_PER_USER,
    windowMs: MFA_USER_WINDOW_MS,
    redisUrl: config.redisUrl,
    onStoreError: redisTrouble,
  });
  const mfa = createMfaService({
    store,
    userLimiter: mfaUserLimiter,
    ipLimiter,
    currentPasswordLimiter,
    emailCodeLimiter: mfaEmailCodeLimiter,
    entryRefusal: (userId) => signIn.entryRefusal(userId),
    applyPendingPassword: (userId, change, context) =>
      passwords.applyPendingPassword(userId, change, context),
    clock,
    config,
    box: createSecretBox(loadOrCreateKey({ keyBase64: config.mfaKey, dataDir: config.dataDir })),
    hasher,
    sessions,
    mailer,
    audit,
    onMailQueued: () => outbox.kick(),
  });
  const catalogue = loadCatalogue(config.productsFile ?? DEFAULT_PRODUCTS_FILE);
  const access = createAccessService({ store, catalogue, readCache });
  const signIn = createSignInService({
    store,
    clock,
    config,
    hasher,
    sessions,
    mailer,
    audit,
    ipLimiter,
    issueExpiredChangeToken: (userId, context, checkedHash) =>
      passwords.issueExpiredChangeToken(userId, context, checkedHash),
    propertyRefusal: (userId) => access.signInRefusal(userId),
    secondStep: (userId, trustedDeviceToken) => mfa.secondStep(userId, trustedDeviceToken),
    endChallenges: (db, userId) => mfa.endChallengesOf(db, userId),
    // A lockout is also reported as the invalid_credentials it answers: count it only as a lockout here.
    onOutcome: (outcome) =>
      outcome === 'lockout' ? metrics.lockouts.inc() : metrics.signIns.inc({ outcome }),
    onMailQueued: () => outbox.kick(),
  });
  const users = createUsersService({ store, clock, hasher, checker, audit });
  const properties = createPropertiesService({
    store,
    clock,
    config,
    catalogue,
    audit,
    mailer,
    users,
    passwords,
    onMailQueued: () => outbox.kick(),
    twoFactor: {
      usersWithFactors: (ids) => mfa.secondFactorUsers(ids),
      resetFor: (trx, args) => mfa.resetFor(trx, args),
    },
  });
  const cookie: CookiePolicy = { secure: config.secureCookies, maxAgeMs: config.sessionMax };

  return {
    config,
    clock,
    logger,
    store,
    readCache,
    audit,
    hasher,
    transport,
    metrics,
    mailer,
    outbox,
    sessions,
    ipLimiter,
    signIn,
    users,
    cookie,
    checker,
    jobs,
    passwords,
    catalogue,
    access,
    properties,
    mfa,
    strengthLimiter,
    async close() {
      await strengthLimiter.close();
      await outbox.stop();
      await jobs.stop();
      if (ownChecker) await checker.close();
      await ipLimiter.close();
      await mfaUserLimiter.close();
      await mfaEmailCodeLimiter.close();
      await currentPasswordLimiter.close();
      await resetLimits.perIp.close();
      await resetLimits.perAddress.close();
      await transport.close();
      await store.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;

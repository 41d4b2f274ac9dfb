/**
 * Starts Portier: config, store, migrations (under a lock), the two-factor sealing key checked
 * against the stored secrets, demo data on the first embedded start, HTTP, background jobs; closes
 * gracefully on SIGINT/SIGTERM.
 */
import { buildApp } from './app.js';
import { ConfigError, listenProblem, loadConfig, startupNotices } from './config.js';
import { createContainer } from './container.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoData } from './demo/seed.js';
import { sharedKeyProblem } from './mfa/sealing-key.js';
import { startExpiryScheduler } from './passwords/expiry.scheduler.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const keyRequired = sharedKeyProblem(config);
  if (keyRequired) {
    console.error(keyRequired);
    process.exit(2);
  }
  const c = await createContainer(config, { processMetrics: true });
  const applied = await migrateToLatest(c.store);
  if (applied.length) c.logger.info({ applied }, 'migrations applied');
  const wrongKey = await c.mfa.storedSecretsProblem();
  if (wrongKey) {
    console.error(wrongKey);
    await c.close();
    process.exit(2);
  }

  const demo =
    c.store.dialect === 'sqlite' && config.demoData
      ? await seedDemoData(c.store.db, {
          users: c.users,
          properties: c.properties,
          lockoutThreshold: config.lockoutThreshold,
        })
      : null;

  const app = await buildApp(c);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const problem = listenProblem(error, config);
    if (!problem) throw error;
    console.error(problem);
    await app.close();
    await c.close();
    process.exit(2);
  }
  c.outbox.start();
  c.jobs.start();
  const scheduler = startExpiryScheduler(c);
  const cleanup = setInterval(() => {
    c.sessions.cleanup().catch((error) => c.logger.warn({ err: error }, 'session cleanup failed'));
  }, 10 * 60_000);
  cleanup.unref();

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.includes(`:${config.port}`)
    ? config.publicUrl.replace(`:${config.port}`, `:${port}`)
    : config.publicUrl;
  const lines = [
    ``,
    `  Portier is running: ${url}`,
    `  Store: ${c.store.dialect}${c.store.dialect === 'sqlite' ? ` (${config.dataDir})` : ''}`,
  ];
  lines.push(`  Mail: ${config.smtpUrl ? 'SMTP' : `local mailbox in ${config.dataDir}/mailbox`}`);
  if (config.devMailbox) lines.push(`  Local mailbox page: ${url}/dev/mailbox`);
  for (const notice of startupNotices(config)) lines.push('', `  Note: ${notice}`);
  if (demo) {
    lines.push('', '  Demo hotel "Hôtel Beau Rivage (démo)" — sign-ins (shown once, keep them):');
    for (const a of demo) {
      lines.push(
        `    ${a.role.padEnd(13)} ${a.email.padEnd(30)} ${a.password}${a.note ? `  (${a.note})` : ''}`,
      );
    }
  }
  console.log(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    c.logger.info({ signal }, 'shutting down');
    clearInterval(cleanup);
    scheduler.stop();
    const force = setTimeout(() => {
      // Said, so the exit code is not a mystery: an e-mail still being handed to the relay is sent
      // again by another node, or this one's next start, once its lease ends.
      c.logger.error({ afterMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long: stopping now');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    let failed = false;
    // Each closes even if the other failed: the store last, once no request can reach it.
    for (const close of [() => app.close(), () => c.close()]) {
      try {
        await close();
      } catch (error) {
        failed = true;
        c.logger.error({ err: error }, 'shutdown failed');
      }
    }
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** How long requests under way, the e-mail being sent and the store get to finish on SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Runs the expiry notices on one node at a time: a lease in the store picks the node (any dialect),
 * and the notices table makes each notice exactly-once even if two nodes ever overlapped. Runs at
 * start-up (catching up after downtime) and then every hour; also cleans up expired tokens, finished
 * jobs, e-mails delivered or given up on more than MAIL_KEPT_MS ago, and ended limit windows (the
 * outbox, the local mailbox and the limit counters are not archives: they would grow for ever, and
 * they hold people's addresses).
 */
import { randomUUID } from 'node:crypto';
import type { Container } from '../container.js';
import { housekeeping } from '../db/database.js';
import { acquireLease, deleteFinishedJobs } from '../jobs/jobs.queries.js';
import { deleteOldMessages } from '../notifications/outbox.queries.js';
import { deleteExpiredRateLimits } from '../shared/rate-limits.queries.js';
import { deleteExpiredTokens } from './passwords.queries.js';

const EVERY_MS = 3_600_000;
export const MAIL_KEPT_MS = 30 * 86_400_000;

export async function runExpirySchedulerOnce(c: Container, holder: string): Promise<number | null> {
  const now = c.clock.now();
  if (!(await acquireLease(c.store.db, { name: 'password_expiry', holder, now, ttlMs: EVERY_MS - 60_000 })))
    return null;
  const sent = await c.passwords.sendExpiryNotices();
  // Each purge on its own, so none holds its rows while the others run.
  await housekeeping(c.store, (db) => deleteExpiredTokens(db, now));
  await housekeeping(c.store, (db) => deleteFinishedJobs(db, now - 7 * 86_400_000));
  await housekeeping(c.store, (db) => deleteOldMessages(db, now - MAIL_KEPT_MS));
  // The limiter writes its windows on the system clock, not the app's.
  await housekeeping(c.store, (db) => deleteExpiredRateLimits(db, Date.now() - 3_600_000));
  await c.transport.prune?.(now - MAIL_KEPT_MS);
  return sent;
}

export function startExpiryScheduler(c: Container) {
  const holder = randomUUID();
  const run = () =>
    runExpirySchedulerOnce(c, holder).catch((error) =>
      c.logger.warn({ err: error }, 'expiry scheduler failed'),
    );
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

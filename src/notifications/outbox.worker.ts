/**
 * Delivers the outbox. Each message is claimed with a lease, sent, and marked sent only by the worker
 * that holds the lease, so it is marked exactly once; a crash between claim and mark only delays it
 * until the lease runs out. Failures back off exponentially, capped at 30 s; after 24 h a message is
 * marked failed (and counted in /metrics).
 *
 * Sent once, too: a message is sent only under a lease renewed just before its send (a batch goes
 * out one message after another) and every LEASE_MS / 3 until its send settles, so no other node can
 * claim it then; only a node that dies mid-send lets another send it again (same Message-ID). A 5xx
 * answer gives up at once. The lease is read on each node's clock: nodes are expected within seconds
 * of each other (NTP), not a minute.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../db/database.js';
import type { OutboxRow } from '../db/types.js';
import type { Clock } from '../shared/clock.js';
import { createPoller } from '../shared/poller.js';
import {
  claimDueMessages,
  markMessageFailedAttempt,
  markMessageSent,
  releaseLeases,
  renewLease,
} from './outbox.queries.js';
import type { MailTransport } from './transports.js';

export const BACKOFF_CAP_MS = 30_000;
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** Renewed every third of itself while a message is being sent, so only a dead node lets it lapse. */
export const LEASE_MS = 60_000;

/** Templates whose whole content is a secret (a one-time code, also in the subject). */
const SECRET_TEMPLATES = new Set(['mfa_email_code']);
const LINK_TOKEN = /([#?&]token=)[A-Za-z0-9_-]+/g;

/**
 * What the outbox keeps of a message delivered over SMTP: no live secret. Reset, invitation and
 * e-mail-change links lose their token (it works as long as it lives, to whoever reads the store, a
 * backup or a replica), and a one-time code's message is not kept at all. The local mailbox (no
 * SMTP) keeps everything: it is the developer's inbox.
 */
export function redactDelivered(message: {
  template: string;
  subject: string;
  text_body: string;
  html_body: string;
}) {
  if (SECRET_TEMPLATES.has(message.template)) {
    const note = '[delivered; a one-time code is not kept]';
    return { subject: note, text_body: note, html_body: note };
  }
  return {
    subject: message.subject,
    text_body: message.text_body.replace(LINK_TOKEN, '$1[removed after delivery]'),
    html_body: message.html_body.replace(LINK_TOKEN, '$1[removed after delivery]'),
  };
}

export function backoffDelay(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Ask for a delivery round soon (after a commit that enqueued mail). */
  kick(): void;
  /** Runs rounds until nothing is due now; returns how many messages were sent. */
  drain(): Promise<number>;
}

export function createOutboxWorker(deps: {
  store: Store;
  clock: Clock;
  transport: MailTransport;
  from: string;
  pollMs: number;
  log: Logger;
  domain: string;
  onResult?: (result: 'sent' | 'retry' | 'failed') => void;
  /** Tests only: how often a lease is renewed during a send. */
  timing?: { renewEveryMs?: number };
}): OutboxWorker {
  const renewEveryMs = deps.timing?.renewEveryMs ?? LEASE_MS / 3;
  /** Claimed by the round under way and not yet started: given back at once when the worker stops. */
  let notStarted: number[] = [];
  const workerId = randomUUID();

  /**
   * Sends one message under this worker's lease, renewing the lease every LEASE_MS / 3 until the send
   * settles: the SMTP timeouts bound each wait, not the whole send (a relay answering every 15 s can
   * hold one send for minutes), and a send given up on while still under way could reach the relay
   * after all and be sent again. While this process lives, nobody else sends the message.
   */
  async function sendHeld(message: OutboxRow): Promise<void> {
    const renew = setInterval(() => {
      const now = deps.clock.now();
      renewLease(deps.store.db, { id: message.id, workerId, now, lockUntil: now + LEASE_MS }).catch((error) =>
        deps.log.warn({ outboxId: message.id, err: (error as Error).message }, 'outbox lease renewal failed'),
      );
    }, renewEveryMs);
    renew.unref();
    try {
      await deps.transport.send({
        outboxId: message.id,
        from: deps.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        messageId: `<outbox-${message.id}-${message.created_at}@${deps.domain}>`,
      });
    } finally {
      clearInterval(renew);
    }
  }

  async function round(stopping: () => boolean): Promise<number> {
    const now = deps.clock.now();
    const batch = await claimDueMessages(deps.store.db, deps.store.dialect, {
      now,
      lockUntil: now + LEASE_MS,
      workerId,
      limit: 20,
    });
    let sent = 0;
    notStarted = batch.map((m) => m.id);
    for (const [index, message] of batch.entries()) {
      if (stopping()) {
        // Given back by onStop already, unless the stop came while this batch was being claimed.
        await releaseLeases(deps.store.db, notStarted, workerId);
        return sent;
      }
      notStarted = batch.slice(index + 1).map((m) => m.id);
      const now = deps.clock.now();
      const held = await renewLease(deps.store.db, {
        id: message.id,
        workerId,
        now,
        lockUntil: now + LEASE_MS,
      });
      // The lease ran out while earlier messages of the batch were sent: another round (maybe on
      // another node) sends this one.
      if (!held) continue;
      try {
        await sendHeld(message);
      } catch (error) {
        const attempts = message.attempts + 1;
        // A 5xx answer is the relay's final word (unknown mailbox, refused sender…): retrying for a
        // day changes nothing. 4xx answers and network errors are worth retrying.
        const code = (error as { responseCode?: unknown }).responseCode;
        const permanent = typeof code === 'number' && code >= 500 && code < 600;
        const giveUp = permanent || deps.clock.now() - message.created_at >= GIVE_UP_AFTER_MS;
        await markMessageFailedAttempt(deps.store.db, {
          id: message.id,
          workerId,
          error: (error as Error).message ?? String(error),
          nextAttemptAt: deps.clock.now() + backoffDelay(attempts),
          giveUp,
        });
        deps.onResult?.(giveUp ? 'failed' : 'retry');
        deps.log.warn(
          { outboxId: message.id, attempts, giveUp, permanent, err: (error as Error).message },
          'mail delivery failed',
        );
        continue;
      }
      const kept = deps.transport.kind === 'smtp' ? redactDelivered(message) : undefined;
      if (await markMessageSent(deps.store.db, message.id, workerId, deps.clock.now(), kept)) {
        sent++;
        deps.onResult?.('sent');
      } else {
        // The lease was lost while sending (the store unreachable for a minute): another worker may
        // send it again, with the same Message-ID.
        deps.log.warn(
          { outboxId: message.id },
          'mail sent, but its lease was lost before it was marked sent',
        );
      }
    }
    return batch.length === 0 ? -1 : sent;
  }

  async function drain(stopping: () => boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await round(stopping);
      if (sent < 0 || stopping()) return total + Math.max(0, sent);
      total += sent;
      // A round that only failed leaves its messages scheduled for later: stop instead of spinning.
      if (sent === 0) return total;
    }
  }

  return createPoller({
    drain,
    pollMs: deps.pollMs,
    log: deps.log,
    what: 'outbox',
    // Shutting down: what this worker claimed but did not start is due again at once, for another
    // node or the next start, even while a send in hand keeps the shutdown waiting.
    onStop: async () => {
      const ids = notStarted;
      notStarted = [];
      await releaseLeases(deps.store.db, ids, workerId);
    },
  });
}

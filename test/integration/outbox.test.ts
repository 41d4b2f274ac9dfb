import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/jobs/jobs.queries.js';
import { createOutboxWorker, LEASE_MS } from '../../src/notifications/outbox.worker.js';
import {
  createSmtpTransport,
  type MailTransport,
  type OutgoingMail,
  SMTP_TIMEOUTS,
} from '../../src/notifications/transports.js';
import { runExpirySchedulerOnce } from '../../src/passwords/expiry.scheduler.js';
import { RESET_JOB } from '../../src/passwords/passwords.service.js';
import type { ManualClock } from '../../src/shared/clock.js';
import { buildTestApp, dialects, signIn, type TestApp } from '../helpers/app.js';
import { decodeQuotedPrintable, startSmtpReceiver } from '../helpers/smtp.js';

async function lockOut(t: TestApp, email: string) {
  for (let i = 0; i < 7; i++) await signIn(t, email, `wrong-password-${i}`);
}

describe.each(dialects)('outbox delivery over SMTP (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('the lockout e-mail reaches the owner in their language, with text and HTML parts', async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    const user = await t.createUser({ language: 'fr', name: 'Chloé Bernard' });
    await lockOut(t, user.email);
    expect(await t.c.outbox.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual([user.email]);
    const body = decodeQuotedPrintable(mail?.raw ?? '');
    expect(body).toContain('multipart/alternative');
    expect(body).toContain('text/html');
    expect(body).toContain('Bonjour Chloé Bernard');
    expect(body).toContain('7 saisies consécutives');
    expect(body).toContain('http://localhost:3000/forgot-password');
    const row = await t.c.store.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'sent_at'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    // Sent exactly once: another round finds nothing to do.
    expect(await t.c.outbox.drain()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('a batch sent slowly goes out once: each message is sent under a lease renewed just before it', async () => {
    smtp = await startSmtpReceiver();
    const relay = createSmtpTransport(smtp.url);
    let other: TestApp | undefined;
    const claimedByOther: number[] = [];
    let sends = 0;
    // Node t's relay is slow: its first message takes 50 s, its second 11 s more. Meanwhile, past the
    // 60 s the batch was claimed for, the other node looks for due mail.
    const slow: MailTransport = {
      kind: 'smtp',
      async send(mail: OutgoingMail) {
        sends++;
        (t.clock as ManualClock).advance(sends === 1 ? 50_000 : 11_000);
        if (sends === 2 && other) claimedByOther.push(await other.c.outbox.drain());
        await relay.send(mail);
      },
      close: () => relay.close(),
    };
    t = await buildTestApp({ dialect, transport: slow });
    other = await buildTestApp({ shareWith: t, transport: relay });
    try {
      for (const name of ['First', 'Second']) {
        const user = await t.createUser({ name });
        await t.c.mailer.enqueue(t.c.store.db, {
          to: user.email,
          language: 'en',
          template: 'account_disabled',
          vars: { name, attempts: 7 },
        });
      }
      expect(await t.c.outbox.drain()).toBe(2);
      expect(claimedByOther).toEqual([0]);
      expect(smtp.received).toHaveLength(2);
      expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('a relay that never answers is given up on within the lease, not held for minutes', async () => {
    expect(
      SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout,
    ).toBeLessThan(LEASE_MS);
    // Accepts the connection and says nothing (no greeting).
    const sockets: Array<import('node:net').Socket> = [];
    const mute: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', () => resolve()));
    const port = (mute.address() as import('node:net').AddressInfo).port;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`, { greetingTimeout: 300 });
    try {
      const started = performance.now();
      await expect(
        transport.send({
          outboxId: 1,
          from: 'a@hotel.example',
          to: 'b@hotel.example',
          subject: 's',
          text: 't',
          html: '<p>t</p>',
          messageId: '<x@hotel.example>',
        }),
      ).rejects.toThrow(/greeting/i);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });

  it('a mail server that refuses for a while is retried with capped backoff, then delivered once', async () => {
    smtp = await startSmtpReceiver({ failFirst: 3 });
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    const clock = t.clock as ManualClock;
    const user = await t.createUser();
    await lockOut(t, user.email);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await t.c.outbox.drain()).toBe(0);
      const row = await t.c.store.db
        .selectFrom('outbox')
        .select(['next_attempt_at', 'attempts'])
        .executeTakeFirstOrThrow();
      delays.push(row.next_attempt_at - clock.now());
      // Not due yet: nothing is attempted.
      expect(await t.c.outbox.drain()).toBe(0);
      clock.advance(row.next_attempt_at - clock.now());
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(await t.c.outbox.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const row = await t.c.store.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 4 });
  });

  it('a message still failing after 24 h is marked failed and counted in /metrics', async () => {
    smtp = await startSmtpReceiver({ failFirst: 1000 });
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    const clock = t.clock as ManualClock;
    const user = await t.createUser();
    await lockOut(t, user.email);
    await t.c.outbox.drain();
    clock.advance(24 * 3_600_000);
    await t.c.outbox.drain();
    const row = await t.c.store.db.selectFrom('outbox').select(['status']).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('portier_outbox_messages{status="failed"} 1');
    expect(metrics).toContain('portier_mail_delivery_total{result="failed"} 1');
  });

  it('a message claimed by a worker that died is delivered by another once its lease runs out', async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    const clock = t.clock as ManualClock;
    const user = await t.createUser();
    await lockOut(t, user.email);
    // A worker that claimed the message and then crashed before sending it.
    await t.c.store.db
      .updateTable('outbox')
      .set({ locked_by: 'dead-worker', locked_until: clock.now() + 60_000 })
      .execute();
    expect(await t.c.outbox.drain()).toBe(0);
    clock.advance(60_001);
    expect(await t.c.outbox.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });
});

describe.each(dialects)('outbox worker: slow and refusing relays, shutdown (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
    await smtp?.close();
  });

  const worker = (
    transport: MailTransport,
    timing?: { renewEveryMs?: number },
    onResult?: (result: string) => void,
  ) =>
    createOutboxWorker({
      store: t.c.store,
      clock: t.clock,
      transport,
      from: 'Portier <no-reply@portier.localhost>',
      pollMs: 60_000,
      log: pino({ level: 'silent' }),
      domain: 'portier.localhost',
      timing,
      onResult,
    });

  async function enqueue(count: number) {
    for (let i = 0; i < count; i++) {
      const user = await t.createUser({ name: `Guest ${i}` });
      await t.c.mailer.enqueue(t.c.store.db, {
        to: user.email,
        language: 'en',
        template: 'account_disabled',
        vars: { name: `Guest ${i}`, attempts: 7 },
      });
    }
  }

  it('a send that outlasts the lease keeps it: another node finds nothing to claim, the mail goes once', async () => {
    smtp = await startSmtpReceiver({ dataDelayMs: 400 });
    t = await buildTestApp({ dialect });
    const relay = createSmtpTransport(smtp.url);
    const other = await buildTestApp({ shareWith: t, transport: relay });
    const clock = t.clock as ManualClock;
    const results: string[] = [];
    // The relay answers slowly; meanwhile the clock runs well past the lease the message was claimed with.
    const slow: MailTransport = {
      kind: 'smtp',
      async send(mail) {
        clock.advance(LEASE_MS - 1_000);
        const sending = relay.send(mail);
        await new Promise((resolve) => setTimeout(resolve, 150)); // a renewal happens meanwhile
        clock.advance(30_000);
        expect(await other.c.outbox.drain()).toBe(0);
        await sending;
      },
      close: () => relay.close(),
    };
    try {
      await enqueue(1);
      expect(await worker(slow, { renewEveryMs: 50 }, (r) => results.push(r)).drain()).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(results).toEqual(['sent']);
      const row = await t.c.store.db
        .selectFrom('outbox')
        .select(['status', 'attempts'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'sent', attempts: 1 });
    } finally {
      await other.close();
    }
  });

  it("a relay's final refusal (5xx) marks the message failed at once; a 4xx is retried", async () => {
    smtp = await startSmtpReceiver({ failFirst: 1, failCode: 550 });
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    await enqueue(1);
    expect(await t.c.outbox.drain()).toBe(0);
    const row = await t.c.store.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', attempts: 1 });
    (t.clock as ManualClock).advance(60_000);
    expect(await t.c.outbox.drain()).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect((await t.app.inject({ url: '/metrics' })).body).toContain(
      'portier_mail_delivery_total{result="failed"} 1',
    );
  });

  it('stopping frees the messages not yet started at once, while the one in hand is still being sent', async () => {
    smtp = await startSmtpReceiver({ dataDelayMs: 1_000 });
    t = await buildTestApp({ dialect });
    await enqueue(4);
    const relay = createSmtpTransport(smtp.url);
    let started = 0;
    const counting: MailTransport = {
      kind: 'smtp',
      send: (mail) => {
        started++;
        return relay.send(mail);
      },
      close: () => relay.close(),
    };
    const w = worker(counting);
    w.start();
    while (started === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = w.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toHaveLength(0); // the first send is still under way
    const held = await t.c.store.db
      .selectFrom('outbox')
      .select('id')
      .where('locked_by', 'is not', null)
      .execute();
    expect(held).toHaveLength(1);
    await stopped;
    expect(smtp.received).toHaveLength(1);
  });

  it('stopping ends the round after the message in hand and frees the rest for another node at once', async () => {
    smtp = await startSmtpReceiver({ dataDelayMs: 150 });
    t = await buildTestApp({ dialect });
    await enqueue(6);
    const w = worker(createSmtpTransport(smtp.url));
    w.start();
    while (smtp.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = performance.now();
    await w.stop();
    expect(performance.now() - stopping).toBeLessThan(1_000);
    expect(smtp.received.length).toBeLessThanOrEqual(2);
    const rows = await t.c.store.db.selectFrom('outbox').select(['status', 'locked_by']).execute();
    const pending = rows.filter((r) => r.status === 'pending');
    expect(pending.length).toBe(6 - smtp.received.length);
    expect(pending.every((r) => r.locked_by === null)).toBe(true);
    // Another node (here: this app's own worker, to its local mailbox) sends them now, not a lease later.
    expect(await t.c.outbox.drain()).toBe(pending.length);
    const after = await t.c.store.db.selectFrom('outbox').select('status').execute();
    expect(after.every((r) => r.status === 'sent')).toBe(true);
  });
});

describe.each(dialects)('background jobs (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('a job whose lease was taken over leaves nothing behind: its writes and its completion are one', async () => {
    t = await buildTestApp({ dialect });
    const user = await t.createUser();
    let runs = 0;
    t.c.jobs.register('test_mail', async (_payload, trx) => {
      runs++;
      await t.c.mailer.enqueue(trx, {
        to: user.email,
        language: 'en',
        template: 'account_disabled',
        vars: { name: 'x', attempts: 7 },
      });
      // Another worker claims the job meanwhile (its lease ran out).
      if (runs === 1) await trx.updateTable('jobs').set({ locked_by: 'another-worker' }).execute();
    });
    await insertJob(t.c.store.db, {
      type: 'test_mail',
      payload: {},
      runAt: t.clock.now(),
      now: t.clock.now(),
    });
    expect(await t.c.jobs.drain()).toBe(0);
    expect(runs).toBe(1);
    expect(await t.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
    expect((await t.c.store.db.selectFrom('jobs').select('status').executeTakeFirstOrThrow()).status).toBe(
      'pending',
    );
    // Once the lease runs out the job runs again, and completes once.
    (t.clock as ManualClock).advance(60_001);
    expect(await t.c.jobs.drain()).toBe(1);
    expect(await t.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
    expect(await t.c.jobs.drain()).toBe(0);
  });

  it('a reset request answered by a job that fails half-way sends one e-mail, whose link works', async () => {
    t = await buildTestApp({ dialect });
    const user = await t.createUser();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    // The first run's store goes away after its writes, before the job is completed.
    const real = t.c.jobs;
    let first = true;
    real.register(RESET_JOB, async (payload, trx) => {
      await t.c.passwords.handleResetRequest(payload, trx);
      if (first) {
        first = false;
        throw new Error('connection lost');
      }
    });
    expect(await real.drain()).toBe(0);
    expect(await t.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
    (t.clock as ManualClock).advance(2_000);
    expect(await real.drain()).toBe(1);
    const mails = await t.c.store.db.selectFrom('outbox').select('text_body').execute();
    expect(mails).toHaveLength(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text_body ?? '')?.[1];
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      payload: { token, password: 'Une-Phrase-De-Passe-Solide-2026' },
    });
    expect(confirm.statusCode).toBe(204);
  });
});

describe.each(dialects)('reset e-mails over SMTP (%s)', (dialect) => {
  it('a French user receives the reset link in French, and the link works', async () => {
    const smtp = await startSmtpReceiver();
    const t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    try {
      const user = await t.createUser({ language: 'fr', name: 'Élodie Roux' });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        payload: { email: user.email },
      });
      expect(res.statusCode).toBe(202);
      await t.c.jobs.drain();
      expect(await t.c.outbox.drain()).toBe(1);
      const body = decodeQuotedPrintable(smtp.received[0]?.raw ?? '');
      expect(body).toContain('Subject: =?UTF-8?');
      expect(body).toContain('Bonjour Élodie Roux');
      const token = /reset-password#token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';
      expect(token).toHaveLength(43);
      // Delivered: the outbox no longer holds the live link (a backup or a replica would).
      const kept = await t.c.store.db
        .selectFrom('outbox')
        .select(['status', 'text_body', 'html_body'])
        .executeTakeFirstOrThrow();
      expect(kept.status).toBe('sent');
      for (const stored of [kept.text_body, kept.html_body]) {
        expect(stored).not.toContain(token);
        expect(stored).toContain('reset-password#token=[removed after delivery]');
      }
      const confirm = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        payload: { token, password: 'Quartz-Meadow-Lantern-58' },
      });
      expect(confirm.statusCode).toBe(204);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe.each(dialects)('local mailbox without SMTP (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('messages land as files in the data folder', async () => {
    const user = await t.createUser({ language: 'en', name: 'Sam Taylor' });
    await lockOut(t, user.email);
    expect(await t.c.outbox.drain()).toBe(1);
    const dir = path.join(t.dataDir, 'mailbox');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const entry = JSON.parse(readFileSync(path.join(dir, files[0] ?? ''), 'utf8'));
    expect(entry).toMatchObject({ to: user.email, subject: 'Portier: your account has been disabled' });
    expect(entry.text).toContain('Hello Sam Taylor');
    expect(entry.html).toContain('<a href="http://localhost:3000/forgot-password"');
  });

  it('e-mails delivered more than 30 days ago leave the outbox and the mailbox; newer and pending ones stay', async () => {
    const old = await t.createUser({ email: 'old@hotel.example' });
    await lockOut(t, old.email);
    expect(await t.c.outbox.drain()).toBe(1);
    const dir = path.join(t.dataDir, 'mailbox');
    const [oldFile] = readdirSync(dir);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    utimesSync(path.join(dir, oldFile ?? ''), longAgo, longAgo);
    (t.clock as ManualClock).advance(31 * 86_400_000);
    const recent = await t.createUser({ email: 'recent@hotel.example' });
    await lockOut(t, recent.email);
    expect(await t.c.outbox.drain()).toBe(1);
    await t.c.mailer.enqueue(t.c.store.db, {
      to: 'pending@hotel.example',
      language: 'en',
      template: 'account_disabled',
      vars: { name: 'x', attempts: 7 },
    });
    await runExpirySchedulerOnce(t.c, 'node-a');
    const left = await t.c.store.db
      .selectFrom('outbox')
      .select(['to_address', 'status'])
      .orderBy('id')
      .execute();
    expect(left).toEqual([
      { to_address: 'recent@hotel.example', status: 'sent' },
      { to_address: 'pending@hotel.example', status: 'pending' },
    ]);
    expect(readdirSync(dir)).not.toContain(oldFile);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('the e-mail is written in the same transaction as the lockout: a rolled-back change leaves no mail', async () => {
    const user = await t.createUser();
    await t.c.store.db
      .transaction()
      .execute(async (trx) => {
        await t.c.mailer.enqueue(trx, {
          to: user.email,
          language: 'en',
          template: 'account_disabled',
          vars: { name: 'x', attempts: 7 },
        });
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect(await t.c.store.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });
});

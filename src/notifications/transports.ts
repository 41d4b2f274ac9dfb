/**
 * Where e-mails go: real SMTP (nodemailer) when SMTP_URL is set, else a local mailbox folder in the data
 * directory that developers can read (SPEC §7).
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type nodemailer from 'nodemailer';

export interface OutgoingMail {
  outboxId: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a redelivery after a crash is recognisable as the same message. */
  messageId: string;
}

export interface MailTransport {
  kind: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
  /** The local mailbox only: deletes messages delivered before `before` (epoch ms); how many. */
  prune?(before: number): Promise<number>;
}

/**
 * How long nodemailer may wait on a relay, in ms: to connect, for its greeting, and for any answer
 * once connected (socket inactivity). nodemailer's own defaults (2 min, 30 s, 10 min) let a silent
 * relay hold the outbox for minutes. They bound each wait, not a whole send: a relay answering just
 * in time can take longer, so the outbox renews its lease during a send and gives up at its own
 * deadline (outbox.worker.ts).
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createSmtpTransport(
  smtpUrl: string,
  timeouts: Partial<typeof SMTP_TIMEOUTS> = {},
): MailTransport {
  // nodemailer is loaded only when SMTP_URL is set.
  const mailer = createRequire(import.meta.url)('nodemailer') as typeof nodemailer;
  // The URL's own query (e.g. ?socketTimeout=…) still wins over these, as nodemailer reads it.
  const transporter = mailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS, ...timeouts });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    async close() {
      transporter.close();
    },
  };
}

export interface MailboxEntry {
  outboxId: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  deliveredAt: string;
}

export function mailboxDir(dataDir: string) {
  return path.join(dataDir, 'mailbox');
}

export function createMailboxTransport(dataDir: string): MailTransport {
  const dir = mailboxDir(dataDir);
  return {
    kind: 'mailbox',
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const entry: MailboxEntry = { ...mail, deliveredAt: new Date().toISOString() };
      const file = path.join(dir, `${String(mail.outboxId).padStart(10, '0')}.json`);
      // Write then rename: a reader never sees half a message, and a redelivery overwrites the same file.
      await writeFile(`${file}.tmp`, JSON.stringify(entry, null, 2));
      await rename(`${file}.tmp`, file);
    },
    async close() {},
    async prune(before) {
      let files: string[];
      try {
        files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
      } catch {
        return 0;
      }
      let removed = 0;
      for (const file of files) {
        const full = path.join(dir, file);
        try {
          if ((await stat(full)).mtimeMs < before) {
            await unlink(full);
            removed++;
          }
        } catch {
          // gone meanwhile
        }
      }
      return removed;
    },
  };
}

/** Reads the local mailbox, newest first. */
export async function readMailbox(dataDir: string, limit = 100): Promise<MailboxEntry[]> {
  const dir = mailboxDir(dataDir);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  files.sort().reverse();
  const entries: MailboxEntry[] = [];
  for (const file of files.slice(0, limit)) {
    try {
      entries.push(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as MailboxEntry);
    } catch {
      // a file being replaced: skip it this time
    }
  }
  return entries;
}

import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../src/notifications/transports.js';
import type { ManualClock } from '../../src/shared/clock.js';
import { buildTestApp, dialects, TEST_DATABASE_URL, type TestApp } from '../helpers/app.js';
import { startSmtpReceiver } from '../helpers/smtp.js';

describe.each(dialects)('outbox survives kill -9 while the mail server is down (%s)', (dialect) => {
  let t: TestApp | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>> | undefined;
  afterEach(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('the message is delivered once by the next node', async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ dialect, transport: createSmtpTransport(smtp.url) });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORTIER_DATA_DIR: t.dataDir,
      SMTP_URL: 'smtp://127.0.0.1:9', // nothing listens there: the mail server is down
      PORTIER_DEMO_DATA: 'false',
    };
    if (t.pgSchema)
      env.DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${t.pgSchema}`)}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/outbox-child.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(new Error(`child never attempted delivery: ${stderr}`)),
        20_000,
      );
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('attempted')) {
          clearTimeout(timeout);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const row = await t.c.store.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBeGreaterThanOrEqual(1);

    // Later, the mail server is back and another node runs (its clock past any lease and backoff).
    (t.clock as ManualClock).set(Date.now() + 120_000);
    expect(await t.c.outbox.drain()).toBe(1);
    expect(await t.c.outbox.drain()).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['crash@hotel.example']]);
  });
});

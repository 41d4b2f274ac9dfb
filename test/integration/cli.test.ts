import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPasswordLine, runCli } from '../../src/cli/main.js';
import { buildTestApp, dialects, signIn, type TestApp } from '../helpers/app.js';
import { cli } from '../helpers/cli.js';

describe.each(dialects)('operator CLI on the running service’s store (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ dialect });
  });
  afterEach(async () => {
    await t.close();
  });

  it('user add reads one line from stdin (without its newline); the server then signs that user in', async () => {
    const res = await cli(
      t,
      [
        'user',
        'add',
        '--email',
        'Night.Manager@Hotel.example',
        '--name',
        'Night Manager',
        '--password-stdin',
        '--language',
        'fr',
      ],
      'Lantern-Harbour-Quiet-77\nsecond line ignored\n',
    );
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toContain('created user night.manager@hotel.example');
    expect((await signIn(t, 'night.manager@hotel.example', 'Lantern-Harbour-Quiet-77')).statusCode).toBe(200);
    expect((await signIn(t, 'night.manager@hotel.example', 'Lantern-Harbour-Quiet-77\n')).statusCode).toBe(
      401,
    );
  });

  it('user status explains a disabled account', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 7; i++) await signIn(t, user.email, 'wrong-password-123');
    const res = await cli(t, ['user', 'status', '--email', user.email, '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({
      status: 'disabled',
      disabledReason: 'too_many_failed_attempts',
      consecutiveFailedAttempts: 7,
      lockoutThreshold: 7,
      passwordExpired: false,
    });
    expect((await cli(t, ['user', 'status', '--email', 'ghost@hotel.example'])).code).toBe(4);
  });

  it('refuses bad input with a clear message and a non-zero exit, writing nothing', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['user', 'add', '--email', 'a@b.example', '--name', 'A'], 'pw', /--password-stdin is required/],
      [
        ['user', 'add', '--email', 'not-an-email', '--name', 'A', '--password-stdin'],
        'Long-Enough-Password-1',
        /not an e-mail/,
      ],
      [
        ['user', 'add', '--email', 'a@b.example', '--name', 'A', '--password-stdin'],
        'short',
        /password refused: it needs at least 12 characters/,
      ],
      [
        ['user', 'add', '--email', 'a@b.example', '--name', 'A', '--password-stdin'],
        '',
        /no password on stdin/,
      ],
      [
        ['user', 'add', '--email', 'a@b.example', '--password-stdin'],
        'Long-Enough-Password-1',
        /missing --name/,
      ],
      [
        ['user', 'add', '--email', 'a@b.example', '--name', 'A', '--password', 'x'],
        '',
        /Unknown option '--password'/,
      ],
      [
        ['staff', 'add', '--email', 's@b.example', '--name', 'S', '--role', 'god', '--password-stdin'],
        'Long-Enough-Password-1',
        /--role must be/,
      ],
      [['user', 'remove'], '', /unknown command: user remove/],
    ];
    for (const [args, stdin, message] of cases) {
      const res = await cli(t, args, stdin);
      expect(res.code, args.join(' ')).not.toBe(0);
      expect(res.out).toMatch(message);
    }
    expect(await t.c.store.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('a password whose characters arrive split across chunks of stdin is stored as typed', async () => {
    const password = 'Quartz-Lanterne-été-Orchid-4471';
    const bytes = Buffer.from(`${password}\n`);
    // "é" is two bytes in UTF-8: the pipe delivers its first byte, then the rest.
    const cut = bytes.indexOf(0xc3) + 1;
    const res = await cli(
      t,
      ['user', 'add', '--email', 'split@hotel.example', '--name', 'Split', '--password-stdin'],
      [bytes.subarray(0, cut), bytes.subarray(cut)],
    );
    expect(res.code, res.out).toBe(0);
    expect((await signIn(t, 'split@hotel.example', password)).statusCode).toBe(200);
  });

  it('refuses what no sign-in could use: invalid UTF-8, a null character, control characters, overlong names', async () => {
    const strong = 'Long-Enough-Password-1';
    const userAdd = (email: string, name: string) => [
      'user',
      'add',
      '--email',
      email,
      '--name',
      name,
      '--password-stdin',
    ];
    const staffAdd = (email: string, name: string) =>
      [...userAdd(email, name), '--role', 'support'].map((a) => (a === 'user' ? 'staff' : a));
    const cases: Array<[string[], string | Buffer[], RegExp]> = [
      [
        userAdd('a@b.example', 'A'),
        [Buffer.from([0x50, 0x77, 0xff, 0xfe, 0x2d, 0x31, 0x0a])],
        /not valid UTF-8/,
      ],
      [userAdd('a@b.example', 'A'), 'Long-Enough\u0000-Password-1', /null character/],
      [userAdd('a@b.example', 'Line\nbreak'), strong, /a name of 1 to 200/],
      [userAdd('a\u0007@b.example', 'A'), strong, /not an e-mail/],
      // Forms nodemailer would deliver to the bare address: one mailbox, two accounts.
      [userAdd('<victim@hotel.example>', 'A'), strong, /not an e-mail/],
      [userAdd('a,victim@hotel.example', 'A'), strong, /not an e-mail/],
      [staffAdd('"victim@hotel.example"', 'S'), strong, /not an e-mail/],
      [staffAdd('s@b.example', 'S'.repeat(100_000)), strong, /a name of 1 to 200/],
      [staffAdd(`${'s'.repeat(5000)}@b.example`, 'S'), strong, /not an e-mail/],
      [staffAdd('s@b.example', 'Tab\there'), strong, /a name of 1 to 200/],
    ];
    for (const [args, stdin, message] of cases) {
      const res = await cli(t, args, stdin);
      expect(res.code, args.join(' ').slice(0, 120)).toBe(2);
      expect(res.out).toMatch(message);
    }
    expect(await t.c.store.db.selectFrom('users').select('id').execute()).toHaveLength(0);
    expect(await t.c.store.db.selectFrom('staff').select('id').execute()).toHaveLength(0);
  });

  it('an existing e-mail is refused with exit code 3', async () => {
    const user = await t.createUser();
    const res = await cli(
      t,
      ['user', 'add', '--email', user.email.toUpperCase(), '--name', 'Dup', '--password-stdin'],
      'Long-Enough-Password-1',
    );
    expect(res.code).toBe(3);
  });

  it('staff add creates a staff account, audited', async () => {
    const res = await cli(
      t,
      [
        'staff',
        'add',
        '--email',
        'agent@vendor.example',
        '--name',
        'Support Agent',
        '--role',
        'support',
        '--password-stdin',
      ],
      'Support-Desk-Password-9\n',
    );
    expect(res.code).toBe(0);
    const staff = await t.c.store.db.selectFrom('staff').select(['email', 'role']).execute();
    expect(staff).toEqual([{ email: 'agent@vendor.example', role: 'support' }]);
    const audit = await t.c.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'staff.created')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('property add refuses control characters and oversized values with a plain message and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--name', 'Hotel\r\nBcc: evil@attacker.example'], /a property name of 1 to 200 characters/],
      [['--name', 'H'.repeat(201)], /a property name of 1 to 200 characters/],
      [['--name', 'Hotel', '--billing-name', 'Compta\nBcc: x'], /billing contact name/],
      [['--name', 'Hotel', '--billing-phone', '+33 1 23\n45'], /billing contact phone/],
      [['--name', 'Hotel', '--billing-email', '<compta@hotel.example>'], /billing contact e-mail/],
    ];
    for (const [extra, message] of cases) {
      const res = await cli(t, ['property', 'add', ...extra]);
      expect(res.code, extra.join(' ')).toBe(2);
      expect(res.out).toMatch(message);
      expect(res.out).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(await t.c.store.db.selectFrom('properties').select('id').execute()).toHaveLength(0);
  });

  it('property add and member add build a hotel; user add can join it directly', async () => {
    const created = await cli(t, [
      'property',
      'add',
      '--name',
      'Hôtel de la Plage',
      '--billing-email',
      'compta@plage.example',
      '--payment',
      'bank_transfer',
    ]);
    expect(created.code).toBe(0);
    const id = /\(([0-9a-f-]{36})\)/.exec(created.out)?.[1];
    const user = await t.createUser({ email: 'gerant@plage.example' });
    expect(
      await cli(t, [
        'member',
        'add',
        '--property',
        'Hôtel de la Plage',
        '--email',
        user.email,
        '--role',
        'admin',
        '--primary-contact',
      ]),
    ).toMatchObject({ code: 0 });
    expect(
      (await cli(t, ['member', 'add', '--property', id ?? '', '--email', user.email, '--role', 'member']))
        .code,
    ).toBe(3);
    const added = await cli(
      t,
      [
        'user',
        'add',
        '--email',
        'recep@plage.example',
        '--name',
        'Réception',
        '--password-stdin',
        '--property',
        id ?? '',
        '--role',
        'member',
      ],
      'Lilac-Tundra-Beacon-63\n',
    );
    expect(added.code).toBe(0);
    const members = await t.c.store.db
      .selectFrom('memberships')
      .select('role')
      .where('property_id', '=', id ?? '')
      .orderBy('role')
      .execute();
    expect(members.map((m) => m.role)).toEqual(['admin', 'member']);
    const property = await t.c.store.db
      .selectFrom('properties')
      .select(['primary_contact_user_id', 'payment_method'])
      .executeTakeFirstOrThrow();
    expect(property).toEqual({ primary_contact_user_id: user.id, payment_method: 'bank_transfer' });
    expect(
      (await cli(t, ['member', 'add', '--property', 'Nowhere', '--email', user.email, '--role', 'admin']))
        .code,
    ).toBe(4);
    expect(
      (await cli(t, ['member', 'add', '--property', id ?? '', '--email', user.email, '--role', 'owner'])).out,
    ).toMatch(/--role must be/);
    expect(
      (
        await cli(
          t,
          [
            'user',
            'add',
            '--email',
            'x@plage.example',
            '--name',
            'X',
            '--password-stdin',
            '--role',
            'member',
          ],
          'Lilac-Tundra-Beacon-63',
        )
      ).out,
    ).toMatch(/go together/);
  });

  it('options a command does not use are refused, not ignored', async () => {
    const res = await cli(t, ['migrate', '--email', 'a@b.example']);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/--email: not an option of `migrate`/);
    const status = await cli(t, ['user', 'status', '--email', 'a@b.example', '--role', 'admin']);
    expect(status.code).toBe(2);
    expect(status.out).toMatch(/--role: not an option of `user status`/);
  });

  it('--password-stdin takes the first line and does not wait for the pipe to close', async () => {
    const pipe = new PassThrough();
    pipe.write('Lilac-Tundra-Beacon-63\nanything after it');
    // The pipe stays open: the line is enough.
    await expect(readPasswordLine(pipe)).resolves.toBe('Lilac-Tundra-Beacon-63');
    pipe.destroy();
  });

  it('migrate reports an up-to-date store', async () => {
    expect(await cli(t, ['migrate'])).toEqual({ code: 0, out: 'database is up to date' });
  });
});

describe('the installed `portier` command', () => {
  /** Runs `bin/portier.js` as its own process: exit code and everything it printed. */
  const run = (args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/portier.js', ...args], {
        stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        ...(options.env ? { env: options.env } : {}),
      });
      if (options.stdin !== undefined) child.stdin?.end(options.stdin);
      let out = '';
      child.stdout?.on('data', (d) => {
        out += d;
      });
      child.stderr?.on('data', (d) => {
        out += d;
      });
      child.on('close', (code) => resolve({ code, out }));
    });

  it('prints help and exits 2 without a command, and 0 with --help', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage: portier <command>');
    expect((await run(['--help'])).code).toBe(0);
    const bad = await run(['user', 'add', '--email']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/portier: .*--email/);
  }, 120_000); // three cold starts of tsx: slow on a busy machine

  it('a store it cannot reach is named in one line, exit 1, without a stack trace', async () => {
    const { code, out } = await run(['migrate'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' },
    });
    expect(code).toBe(1);
    expect(out.trim()).toMatch(/^portier: cannot open the store: .*ECONNREFUSED/);
    expect(out).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('user add, as its own process, waits for the password check and creates the user', async () => {
    // In a process of its own nothing else keeps Node running while the strength worker thinks:
    // the command must still finish its work (an earlier version exited 0 there, creating nobody).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-cli-'));
    try {
      const { code, out } = await run(
        ['user', 'add', '--email', 'solo@hotel.example', '--name', 'Solo', '--password-stdin'],
        {
          env: { PATH: process.env.PATH ?? '', PORTIER_DATA_DIR: dataDir },
          stdin: 'Lantern-Harbour-Quiet-77\n',
        },
      );
      expect({ code, out: out.trim() }).toEqual({
        code: 0,
        out: expect.stringMatching(/^created user solo@hotel\.example \(/),
      });
      const status: string[] = [];
      const found = await runCli(['user', 'status', '--email', 'solo@hotel.example', '--json'], {
        stdin: Readable.from(['']),
        out: (s) => status.push(s),
        env: { PORTIER_DATA_DIR: dataDir },
      });
      expect(found).toBe(0);
      expect(JSON.parse(status.join('\n'))).toMatchObject({ email: 'solo@hotel.example', status: 'active' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, runCli } from '../../src/cli/main.js';
import { buildTestApp, dialects, signIn, TEST_DATABASE_URL, type TestApp } from '../helpers/app.js';

function envFor(t: TestApp): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PORTIER_DATA_DIR: t.dataDir };
  if (t.pgSchema)
    env.DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${t.pgSchema}`)}`;
  return env;
}

async function cli(t: TestApp, args: string[], stdin = '') {
  const out: string[] = [];
  try {
    const code = await runCli(args, {
      stdin: Readable.from([stdin]),
      out: (s) => out.push(s),
      env: envFor(t),
    });
    return { code, out: out.join('\n') };
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, out: error.message };
    throw error;
  }
}

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

  it('migrate reports an up-to-date store', async () => {
    expect(await cli(t, ['migrate'])).toEqual({ code: 0, out: 'database is up to date' });
  });
});

describe('the installed `portier` command', () => {
  it('prints help and exits 2 without a command, and 0 with --help', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/portier.js', ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('close', (code) => resolve({ code, out }));
      });
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage: portier <command>');
    expect((await run(['--help'])).code).toBe(0);
    const bad = await run(['user', 'add', '--email']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/portier: .*--email/);
  });
});

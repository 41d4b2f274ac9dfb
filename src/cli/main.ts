/**
 * `npx portier` — the operator's command line (SPEC §8). Same configuration and store as the server,
 * safe to use while it runs. Passwords are read from stdin only (one line; its final newline is dropped).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createContainer } from '../container.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Role } from '../db/types.js';
import { AppError } from '../errors.js';
import { describeFactors, sharedKeyProblem } from '../mfa/sealing-key.js';
import { describeProblems } from '../passwords/passwords.errors.js';
import { findPropertiesByName, findPropertyById } from '../properties/properties.queries.js';
import { newId } from '../shared/tokens.js';
import { findStaffByEmail, insertStaff } from '../staff/staff.queries.js';
import { normalizeEmail } from '../users/email.js';
import { findUserStatusByEmail } from '../users/users.queries.js';
import { accountIdentity, UserInputError } from '../users/users.service.js';

const HELP = `Usage: portier <command> [options]

Commands:
  migrate                                   apply database migrations
  user add --email E --name N --password-stdin [--language fr|en]
           [--property P --role admin|user_manager|member]
                                            create a user (password: one line on stdin),
                                            optionally as a member of property P (id or name)
  user status --email E                     show whether and why a user cannot sign in
  staff add --email E --name N --role support|billing|superadmin --password-stdin
                                            create a staff account
  property add --name N [--billing-name N --billing-email E --billing-phone P]
               [--payment card|bank_transfer]
                                            create a property (hotel); prints its id
  member add --property P --email E --role admin|user_manager|member [--primary-contact]
                                            add an existing user to a property
  mfa drop-unreadable [--confirm]           when the two-factor sealing key is lost for good:
                                            removes the authenticator apps the configured key
                                            cannot open, tells their owners, and makes that key
                                            the one every node must use (without --confirm:
                                            only counts them)
  help                                      show this help

The store and settings come from the same environment as the server
(PORTIER_DATA_DIR, DATABASE_URL, ...).`;

/** The operator-facing text of a service's 400 `invalid_request`, or undefined for any other error. */
function inputProblem(error: AppError): string | undefined {
  if (error.code !== 'invalid_request') return undefined;
  const params =
    typeof error.options.params === 'function' ? error.options.params('en') : error.options.params;
  return String(params?.detail ?? 'invalid input');
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Reads stdin and returns its first line, without the final newline. */
export async function readPasswordLine(stdin: NodeJS.ReadableStream): Promise<string> {
  if ((stdin as NodeJS.ReadStream).isTTY) {
    throw new CliError('--password-stdin: pipe the password in, e.g. `printf %s "$PW" | portier ...`');
  }
  // Bytes first, decoded once: a character split between two chunks stays whole. Reading stops at
  // the first line's end: a pipe left open after it does not hold the command.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    const end = bytes.indexOf(0x0a);
    const kept = end === -1 ? bytes : bytes.subarray(0, end + 1);
    size += kept.length;
    if (size > 8192) throw new CliError('--password-stdin: input too long');
    chunks.push(kept);
    if (end !== -1) break;
  }
  let data: string;
  try {
    data = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new CliError('--password-stdin: the input is not valid UTF-8');
  }
  // The sign-in refuses U+0000 in any field: such a password could never be typed in.
  if (data.includes('\u0000')) throw new CliError('--password-stdin: the password contains a null character');
  const newline = data.indexOf('\n');
  let line = newline === -1 ? data : data.slice(0, newline);
  if (newline !== -1 && line.endsWith('\r')) line = line.slice(0, -1);
  if (!line) throw new CliError('--password-stdin: no password on stdin');
  return line;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new CliError(`missing --${name}`);
  return value;
}

export async function runCli(
  argv: string[],
  io: { stdin: NodeJS.ReadableStream; out: (s: string) => void; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  const args = command === 'migrate' ? [sub, ...rest].filter((a): a is string => a !== undefined) : rest;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        language: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        property: { type: 'string' },
        'billing-name': { type: 'string' },
        'billing-email': { type: 'string' },
        'billing-phone': { type: 'string' },
        payment: { type: 'string' },
        'primary-contact': { type: 'boolean' },
        confirm: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${HELP}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const key = command === 'migrate' ? 'migrate' : `${command} ${sub ?? ''}`.trim();
  // Each command's options: any other is refused rather than silently ignored.
  const commands: Record<string, string[]> = {
    migrate: [],
    'user add': ['email', 'name', 'language', 'password-stdin', 'property', 'role'],
    'user status': ['email', 'json'],
    'staff add': ['email', 'name', 'role', 'password-stdin'],
    'property add': ['name', 'billing-name', 'billing-email', 'billing-phone', 'payment'],
    'member add': ['property', 'email', 'role', 'primary-contact'],
    'mfa drop-unreadable': ['confirm'],
  };
  const allowed = commands[key];
  if (!allowed) {
    throw new CliError(`unknown command: ${key}\n\n${HELP}`);
  }
  const stray = Object.keys(values).filter((name) => values[name] !== undefined && !allowed.includes(name));
  if (stray.length) {
    throw new CliError(
      `${stray.map((name) => `--${name}`).join(', ')}: not an option of \`${key}\`\n\n${HELP}`,
    );
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env ?? process.env, { logLevel: 'warn' });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  // Without the shared key, every node's secret would look unreadable here: never guess it.
  const keyRequired = key === 'mfa drop-unreadable' ? sharedKeyProblem(config) : null;
  if (keyRequired) throw new CliError(keyRequired);
  // Read the password before opening the store, so bad input fails fast and touches nothing.
  let password: string | undefined;
  let identity: { email: string; name: string } | undefined;
  if (key === 'user add' || key === 'staff add') {
    if (!values['password-stdin'])
      throw new CliError('--password-stdin is required (passwords are never arguments)');
    try {
      identity = accountIdentity({ email: required(values, 'email'), name: required(values, 'name') });
    } catch (error) {
      if (error instanceof UserInputError) throw new CliError(error.message);
      throw error;
    }
    password = await readPasswordLine(io.stdin);
  }

  const c = await createContainer(config);
  try {
    let applied: string[];
    try {
      applied = await migrateToLatest(c.store);
    } catch (error) {
      // An unreachable or broken store is the operator's to fix: say what, without a stack trace.
      throw new CliError(`cannot open the store: ${(error as Error).message}`, 1);
    }
    if (key === 'migrate') {
      io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    const roleOf = (value: unknown): Role => {
      if (value !== 'admin' && value !== 'user_manager' && value !== 'member') {
        throw new CliError('--role must be admin, user_manager or member');
      }
      return value;
    };
    /** A property by id or exact name (a name shared by several properties must be given as an id). */
    const propertyOf = async (value: string) => {
      const byId = /^[0-9a-f-]{36}$/i.test(value) ? await findPropertyById(c.store.db, value) : undefined;
      if (byId) return byId.id;
      const byName = await findPropertiesByName(c.store.db, value.trim());
      if (byName.length === 1 && byName[0]) return byName[0].id;
      if (byName.length > 1) throw new CliError(`several properties are named "${value}": use the id`, 2);
      throw new CliError(`no property "${value}"`, 4);
    };
    if (key === 'mfa drop-unreadable') {
      if (!values.confirm) {
        const unreadable = await c.mfa.unreadableTotpFactors();
        io.out(
          unreadable.length
            ? `${describeFactors(unreadable)} cannot be opened with this key; ` +
                'run again with --confirm to remove them (their owners are told by e-mail) and make this ' +
                'key the one every node must use'
            : (await c.mfa.keyCheckState()) !== 'mismatch'
              ? 'the key opens every stored authenticator app: nothing to remove'
              : 'the key opens every stored authenticator app, but other nodes were started with another ' +
                'key; run again with --confirm to make this key the one every node must use',
        );
        return 0;
      }
      const removed = await c.mfa.dropUnreadableTotp();
      io.out(`removed ${describeFactors(removed)}; this key is now the one every node must use`);
      return 0;
    }
    if (key === 'property add') {
      const payment = values.payment ?? 'card';
      if (payment !== 'card' && payment !== 'bank_transfer')
        throw new CliError('--payment must be card or bank_transfer');
      let property: { id: string; name: string };
      try {
        property = await c.properties.createProperty({
          name: required(values, 'name'),
          billingContact: {
            name: values['billing-name'] as string | undefined,
            email: values['billing-email'] as string | undefined,
            phone: values['billing-phone'] as string | undefined,
          },
          paymentMethod: payment,
          actor: { type: 'operator' },
        });
      } catch (error) {
        const detail = error instanceof AppError ? inputProblem(error) : undefined;
        if (detail) throw new CliError(detail);
        throw error;
      }
      io.out(`created property ${property.name} (${property.id})`);
      return 0;
    }
    if (key === 'member add') {
      const role = roleOf(values.role);
      const propertyId = await propertyOf(required(values, 'property'));
      const user = await findUserStatusByEmail(c.store.db, normalizeEmail(required(values, 'email')));
      if (!user) throw new CliError(`no user with e-mail ${values.email}`, 4);
      try {
        await c.properties.addMember({
          propertyId,
          userId: user.id,
          role,
          primaryContact: !!values['primary-contact'],
          actor: { type: 'operator' },
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'already_member')
          throw new CliError(`${user.email} is already a member`, 3);
        throw error;
      }
      io.out(`added ${user.email} to the property as ${role}`);
      return 0;
    }
    if (key === 'user add') {
      const language = values.language ?? 'en';
      if (language !== 'fr' && language !== 'en') throw new CliError('--language must be fr or en');
      if ((values.property === undefined) !== (values.role === undefined)) {
        throw new CliError('--property and --role go together');
      }
      const membership =
        values.property === undefined
          ? null
          : { propertyId: await propertyOf(String(values.property)), role: roleOf(values.role) };
      try {
        const user = await c.users.createUser({
          email: required(values, 'email'),
          name: required(values, 'name'),
          password: password as string,
          language,
          actor: { type: 'operator' },
        });
        if (membership) {
          await c.properties.addMember({ ...membership, userId: user.id, actor: { type: 'operator' } });
        }
        io.out(`created user ${user.email} (${user.id})${membership ? ` as ${membership.role}` : ''}`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError)
          throw new CliError(error.message, error.code === 'email_taken' ? 3 : 2);
        throw error;
      }
    }
    if (key === 'staff add') {
      const role = required(values, 'role');
      if (role !== 'support' && role !== 'billing' && role !== 'superadmin') {
        throw new CliError('--role must be support, billing or superadmin');
      }
      const { email, name } = identity as { email: string; name: string };
      const assessment = await c.checker.assess(password as string, { email, name });
      if (!assessment.ok)
        throw new CliError(`password refused: ${describeProblems(assessment.problems, 'en').join('; ')}`);
      if (await findStaffByEmail(c.store.db, email))
        throw new CliError(`${email} is already a staff account`, 3);
      const hash = await c.hasher.hash(password as string);
      const now = c.clock.now();
      const id = newId();
      await c.store.db.transaction().execute(async (trx) => {
        await insertStaff(trx, {
          id,
          email,
          name,
          role,
          password_hash: hash,
          password_changed_at: now,
          created_at: now,
        });
        await c.audit(trx, {
          actor: { type: 'operator' },
          action: 'staff.created',
          target: { type: 'staff', id },
          details: { role },
        });
      });
      io.out(`created staff ${email} (${role})`);
      return 0;
    }
    // user status
    const email = normalizeEmail(required(values, 'email'));
    const user = await findUserStatusByEmail(c.store.db, email);
    if (!user) throw new CliError(`no user with e-mail ${email}`, 4);
    const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());
    const expiresAt =
      user.password_changed_at === null ? null : user.password_changed_at + config.passwordMaxAge;
    const status = {
      email: user.email,
      name: user.name,
      language: user.language,
      status: user.status,
      disabledReason: user.disabled_reason,
      disabledAt: user.disabled_at === null ? null : iso(user.disabled_at),
      consecutiveFailedAttempts: user.failed_attempts,
      lockoutThreshold: config.lockoutThreshold,
      lastSignIn: iso(user.last_login_at),
      passwordExpiresAt: expiresAt === null ? null : iso(expiresAt),
      passwordExpired: expiresAt !== null && expiresAt <= c.clock.now(),
    };
    if (values.json) {
      io.out(JSON.stringify(status, null, 2));
    } else {
      io.out(
        [
          `${status.name} <${status.email}>`,
          `  status:            ${status.status}${status.disabledReason ? ` (${status.disabledReason} at ${status.disabledAt})` : ''}`,
          `  failed attempts:   ${status.consecutiveFailedAttempts} of ${status.lockoutThreshold}`,
          `  last sign-in:      ${status.lastSignIn}`,
          `  password expires:  ${status.passwordExpiresAt ?? 'no password set'}${status.passwordExpired ? ' (EXPIRED)' : ''}`,
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await c.close();
  }
}

/**
 * Creating accounts (operator CLI, demo data, tests). Rules: e-mail normalised and unique, password
 * through the one password policy, an audit event in the same transaction.
 */
import { z } from 'zod';
import type { AuditRecorder } from '../audit/audit.service.js';
import type { Store } from '../db/database.js';
import type { Language } from '../i18n/language.js';
import type { PasswordHasher } from '../passwords/hashing.js';
import { describeProblems } from '../passwords/passwords.errors.js';
import type { PasswordChecker } from '../passwords/policy.js';
import type { Clock } from '../shared/clock.js';
import { hasControlCharacters } from '../shared/text.js';
import { newId } from '../shared/tokens.js';
import { normalizeEmail } from './email.js';
import { findUserStatusByEmail, insertUser } from './users.queries.js';

export class UserInputError extends Error {
  constructor(
    readonly code: 'invalid_email' | 'email_taken' | 'weak_password' | 'invalid_name',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The same rule as the API's invitations (zod's e-mail check): a bare address. Looser forms such as
 * `<a@b.example>` or `a,b@c.example` were delivered by nodemailer to an address that already had an
 * account, so one mailbox could hold two accounts.
 */
const emailAddress = z.email();

/**
 * The e-mail address (normalised) and name of a new account, person or staff, or UserInputError:
 * an address of at most 254 characters, a name of 1 to 200, neither with control characters.
 */
export function accountIdentity(input: { email: string; name: string }): { email: string; name: string } {
  const email = normalizeEmail(input.email);
  if (!emailAddress.safeParse(email).success || email.length > 254 || hasControlCharacters(email))
    throw new UserInputError(
      'invalid_email',
      `not an e-mail address: ${JSON.stringify(input.email.slice(0, 300))}`,
    );
  const name = input.name.trim();
  if (!name || name.length > 200 || hasControlCharacters(name))
    throw new UserInputError(
      'invalid_name',
      'a name of 1 to 200 characters, without control characters, is required',
    );
  return { email, name };
}

export function createUsersService(deps: {
  store: Store;
  clock: Clock;
  hasher: PasswordHasher;
  checker: PasswordChecker;
  audit: AuditRecorder;
}) {
  return {
    async createUser(input: {
      email: string;
      name: string;
      password: string;
      language?: Language;
      actor?: { type: 'operator' | 'system' | 'user' | 'staff'; id?: string };
    }) {
      const { email, name } = accountIdentity(input);
      const assessment = await deps.checker.assess(input.password, { email, name });
      if (!assessment.ok) {
        throw new UserInputError(
          'weak_password',
          `password refused: ${describeProblems(assessment.problems, 'en').join('; ')}`,
        );
      }
      if (await findUserStatusByEmail(deps.store.db, email))
        throw new UserInputError('email_taken', `${email} already has an account`);
      const passwordHash = await deps.hasher.hash(input.password);
      const now = deps.clock.now();
      const id = newId();
      await deps.store.db.transaction().execute(async (trx) => {
        await insertUser(trx, {
          id,
          email,
          name,
          language: input.language ?? 'en',
          password_hash: passwordHash,
          password_changed_at: now,
          status: 'active',
          failed_attempts: 0,
          created_at: now,
          updated_at: now,
        });
        await deps.audit(trx, {
          actor: input.actor ?? { type: 'system' },
          action: 'user.created',
          target: { type: 'user', id },
        });
      });
      return { id, email, name };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

/**
 * A right password whose account was disabled a moment later, while its sign-in was under way (a
 * wrong password sent at the same time reached the threshold), or whose password was changed or reset
 * meanwhile: the sign-in ends with the refusal the password step would now give (403
 * `account_disabled`, or 401 `invalid_credentials`), audited in the caller's transaction, and nothing
 * else is applied.
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Database } from '../db/types.js';
import type { AppError } from '../errors.js';
import { findUserStatusById } from '../users/users.queries.js';
import { signInErrors } from './sign-in.errors.js';

export async function refusalForChangedMeanwhile(
  trx: Kysely<Database>,
  audit: AuditRecorder,
  userId: string,
  context: RequestContext,
): Promise<AppError> {
  const user = await findUserStatusById(trx, userId);
  const disabled = user?.status === 'disabled';
  await audit(trx, {
    actor: { type: 'user', id: userId },
    action: 'sign_in.refused',
    target: { type: 'user', id: userId },
    context,
    details: disabled
      ? { reason: 'account_disabled', disabledReason: user?.disabled_reason }
      : { reason: user ? 'password_changed' : 'account_removed' },
  });
  // A password changed meanwhile: the one given is no longer right.
  return disabled
    ? signInErrors.accountDisabled(user?.disabled_reason ?? null)
    : signInErrors.invalidCredentials();
}

/**
 * A right password whose account was disabled a moment later, while its sign-in was under way (a
 * wrong password sent at the same time reached the threshold): the sign-in ends with the refusal the
 * password step would now give, audited in the caller's transaction, and nothing else is applied.
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Database } from '../db/types.js';
import type { AppError } from '../errors.js';
import { findUserStatusById } from '../users/users.queries.js';
import { signInErrors } from './sign-in.errors.js';

export async function refusalForDisabledMeanwhile(
  trx: Kysely<Database>,
  audit: AuditRecorder,
  userId: string,
  context: RequestContext,
): Promise<AppError> {
  const user = await findUserStatusById(trx, userId);
  await audit(trx, {
    actor: { type: 'user', id: userId },
    action: 'sign_in.refused',
    target: { type: 'user', id: userId },
    context,
    details: { reason: user ? 'account_disabled' : 'account_removed', disabledReason: user?.disabled_reason },
  });
  return user ? signInErrors.accountDisabled(user.disabled_reason) : signInErrors.invalidCredentials();
}

/**
 * What a failed API call means for a signed-in page: a session that ended sends the person to the
 * sign-in page (with the reason); anything else becomes one sentence to show — the server's own
 * message when it has one (already in the page's language), else a generic one.
 */

import { goToSignIn, readReason } from '../features/session/session-state.js';
import type { MessageKey } from '../i18n/fr.js';
import type { ApiResult } from './client.js';

type Failure = Exclude<ApiResult<unknown>, { kind: 'ok' }>;

/** True (and on its way to the sign-in page) when the answer says the session is gone. */
export function leaveIfSignedOut(result: ApiResult<unknown>): boolean {
  if (result.kind === 'error' && result.status === 401) {
    goToSignIn(readReason(result.error.details));
    return true;
  }
  return false;
}

export function failureText(result: Failure, t: (key: MessageKey) => string): string {
  if (result.kind === 'network') return t('common.networkError');
  return result.error.message || t('common.unexpectedError');
}

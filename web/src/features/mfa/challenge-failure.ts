/** What a failed second-step call means: back to sign-in when the challenge is gone, else a sentence. */
import type { ApiResult } from '../../api/client.js';
import type { MessageKey } from '../../i18n/fr.js';
import { navigate } from '../../router.js';
import { clearChallenge } from './challenge.js';

type Failure = Exclude<ApiResult<unknown>, { kind: 'ok' }>;

/**
 * True (and on its way to the sign-in page) when the challenge expired or was voided, or the password
 * it began with was changed meanwhile (`invalid_credentials`: the challenge is gone with it).
 */
export function leaveIfChallengeGone(result: Failure): boolean {
  if (result.kind !== 'error') return false;
  const code = result.error.code;
  if (code === 'invalid_credentials') {
    clearChallenge();
    navigate('/sign-in?reason=password_changed', { replace: true });
    return true;
  }
  if (code === 'challenge_locked' || code === 'invalid_challenge') {
    clearChallenge();
    navigate(`/sign-in?reason=${code === 'challenge_locked' ? 'mfa_locked' : 'mfa_expired'}`, {
      replace: true,
    });
    return true;
  }
  return false;
}

export function challengeFailureText(result: Failure, t: (key: MessageKey) => string): string {
  if (result.kind === 'network') return t('common.networkError');
  return result.error.message || t('common.unexpectedError');
}

/**
 * Explains why the person is on the sign-in page again (`?reason=`): idle sign-out, the
 * absolute session limit, or their own sign-out — and that signing in again is all it takes.
 */
import { useMemo } from 'react';
import { Notice } from '../../components/Notice.js';
import { formatExactDuration } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { recallSessionLimits } from '../session/session-limits.js';

export type SignOutReason = 'idle_timeout' | 'max_age' | 'signed_out';

export function parseSignOutReason(value: string | null): SignOutReason | null {
  return value === 'idle_timeout' || value === 'max_age' || value === 'signed_out' ? value : null;
}

export function SignedOutNotice({ reason }: { reason: SignOutReason }) {
  const { t, lang } = useT();
  const limits = useMemo(() => recallSessionLimits(), []);

  let text: string;
  if (reason === 'idle_timeout') {
    text = limits
      ? t('signIn.reason.idle_timeout', { duration: formatExactDuration(lang, limits.idleTimeoutSeconds) })
      : t('signIn.reason.idle_timeoutGeneric');
  } else if (reason === 'max_age') {
    text = limits
      ? t('signIn.reason.max_age', { duration: formatExactDuration(lang, limits.maxAgeSeconds) })
      : t('signIn.reason.max_ageGeneric');
  } else {
    text = t('signIn.reason.signed_out');
  }

  return (
    <Notice tone={reason === 'signed_out' ? 'success' : 'info'}>
      <p>{text}</p>
    </Notice>
  );
}

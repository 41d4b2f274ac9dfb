/**
 * Explains why the person is on the sign-in page again (`?reason=`): idle sign-out, the
 * absolute session limit, their own sign-out, or an expired-password change that could not go
 * on (no change token, or its 15 minutes passed) — and that signing in again is all it takes.
 */
import { useMemo } from 'react';
import { Notice } from '../../components/Notice.js';
import { formatExactDuration } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { recallSessionLimits } from '../session/session-limits.js';

export type SignOutReason =
  | 'idle_timeout'
  | 'max_age'
  | 'signed_out'
  | 'change_missing'
  | 'change_expired'
  | 'mfa_expired'
  | 'mfa_locked'
  | 'password_changed';

const REASONS: readonly SignOutReason[] = [
  'idle_timeout',
  'max_age',
  'signed_out',
  'change_missing',
  'change_expired',
  'mfa_expired',
  'mfa_locked',
  'password_changed',
];

export function parseSignOutReason(value: string | null): SignOutReason | null {
  return REASONS.find((reason) => reason === value) ?? null;
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
  } else if (reason === 'change_missing') {
    text = t('signIn.reason.change_missing');
  } else if (reason === 'mfa_expired') {
    text = t('signIn.reason.mfa_expired');
  } else if (reason === 'mfa_locked') {
    text = t('signIn.reason.mfa_locked');
  } else if (reason === 'password_changed') {
    text = t('signIn.reason.password_changed');
  } else if (reason === 'change_expired') {
    text = t('signIn.reason.change_expired');
  } else {
    text = t('signIn.reason.signed_out');
  }

  return (
    <Notice tone={reason === 'signed_out' ? 'success' : reason === 'mfa_locked' ? 'warning' : 'info'}>
      <p>{text}</p>
    </Notice>
  );
}

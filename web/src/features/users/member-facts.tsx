/**
 * How a member's situation reads, shared by the list and the detail page: status (and why an
 * account is disabled), password expiry, last sign-in, two-factor authentication.
 */
import type { Member } from '../../api/types.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';

/** Why an account is disabled, as a short phrase ("7 failed attempts"), or null. */
export function useDisabledReason(): (member: Member) => string | null {
  const { t } = useT();
  return (member) => {
    if (member.status !== 'disabled') return null;
    switch (member.disabledReason) {
      case 'too_many_failed_attempts':
        return member.failedAttempts > 0
          ? t('users.reason.attempts', { count: member.failedAttempts })
          : t('users.reason.attemptsGeneric');
      case 'disabled_by_manager':
        return t('users.reason.manager');
      case 'disabled_by_staff':
        return t('users.reason.staff');
      default:
        return null;
    }
  };
}

export function MemberStatus({ member }: { member: Member }) {
  const { t } = useT();
  const reason = useDisabledReason()(member);
  return (
    <span className="status">
      {member.status === 'active' ? (
        <span className="badge">{t('users.status.active')}</span>
      ) : (
        <span className="badge badge--danger">{t('users.status.disabled')}</span>
      )}
      {reason ? <span className="status__reason">{reason}</span> : null}
      {member.passwordExpired ? (
        <span className="badge badge--warning">{t('users.status.passwordExpired')}</span>
      ) : null}
    </span>
  );
}

export function useMemberText() {
  const { t, lang } = useT();
  const date = (iso: string | null) => (iso ? new Date(Date.parse(iso)) : null);
  return {
    lastLogin(member: Member): string {
      const at = date(member.lastLoginAt);
      return at ? formatDateTime(lang, at) : t('users.never');
    },
    passwordExpiry(member: Member): string {
      const at = date(member.passwordExpiresAt);
      if (!at) return t('users.unknown');
      return member.passwordExpired
        ? t('users.expiredOn', { date: formatDate(lang, at) })
        : formatDate(lang, at);
    },
    passwordChanged(member: Member): string {
      const at = date(member.passwordChangedAt);
      return at ? formatDate(lang, at) : t('users.unknown');
    },
    memberSince(member: Member): string {
      const at = date(member.memberSince);
      return at ? formatDate(lang, at) : t('users.unknown');
    },
    twoFactor(member: Member): string {
      return member.twoFactorEnabled ? t('users.twoFactor.on') : t('users.twoFactor.off');
    },
  };
}

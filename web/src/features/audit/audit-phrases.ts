/**
 * Audit events as sentences people read ("Marie Dubois re-enabled Paul Martin's account"), from
 * the action code, the actor and target names and the event's details. Unknown actions still read
 * as something: who did what code to whom.
 */
import type { AuditEvent, Grant, Product } from '../../api/types.js';
import type { MessageKey } from '../../i18n/fr.js';
import type { MessageParams } from '../../i18n/I18nProvider.js';
import type { Lang } from '../../i18n/lang.js';
import { allOf, isRole, labelIn, ROLE_KEYS } from '../property/labels.js';

/** The actions offered in the filter, in a sensible order. */
export const AUDIT_ACTIONS = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.refused',
  'account.disabled',
  'account.enabled',
  'password.changed',
  'password_reset.sent_by_manager',
  'mfa.reset',
  'invitation.sent',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'membership.added',
  'membership.removed',
  'membership.role_changed',
  'grants.changed',
  'email_change.requested',
  'email_change.confirmed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ACTION_KEYS: Record<AuditAction, MessageKey> = {
  'sign_in.succeeded': 'audit.kind.sign_in.succeeded',
  'sign_in.failed': 'audit.kind.sign_in.failed',
  'sign_in.refused': 'audit.kind.sign_in.refused',
  'account.disabled': 'audit.kind.account.disabled',
  'account.enabled': 'audit.kind.account.enabled',
  'password.changed': 'audit.kind.password.changed',
  'password_reset.sent_by_manager': 'audit.kind.password_reset.sent_by_manager',
  'mfa.reset': 'audit.kind.mfa.reset',
  'invitation.sent': 'audit.kind.invitation.sent',
  'invitation.resent': 'audit.kind.invitation.resent',
  'invitation.revoked': 'audit.kind.invitation.revoked',
  'invitation.accepted': 'audit.kind.invitation.accepted',
  'membership.added': 'audit.kind.membership.added',
  'membership.removed': 'audit.kind.membership.removed',
  'membership.role_changed': 'audit.kind.membership.role_changed',
  'grants.changed': 'audit.kind.grants.changed',
  'email_change.requested': 'audit.kind.email_change.requested',
  'email_change.confirmed': 'audit.kind.email_change.confirmed',
};

type T = (key: MessageKey, params?: MessageParams) => string;

export interface AuditSentence {
  text: string;
  /** A second line with particulars (which accesses, which address), or null. */
  detail: string | null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function grantsOf(value: unknown): Grant[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (g): g is Grant =>
      typeof g === 'object' && g !== null && typeof g.product === 'string' && typeof g.tab === 'string',
  );
}

export function grantLabel(grant: Grant, products: readonly Product[], lang: Lang, t: T): string {
  const product = products.find((p) => p.id === grant.product);
  const productName = product ? labelIn(product.name, lang) : grant.product;
  if (grant.tab === '*') return t('audit.grant.whole', { product: productName });
  const tab = product?.tabs.find((x) => x.id === grant.tab);
  return t('audit.grant.tab', { product: productName, tab: tab ? labelIn(tab.name, lang) : grant.tab });
}

export function describeEvent(
  event: AuditEvent,
  products: readonly Product[],
  lang: Lang,
  t: T,
): AuditSentence {
  const details = event.details ?? {};
  const actor =
    event.actorName ??
    (event.actorType === 'system'
      ? t('audit.actor.system')
      : event.actorType === 'staff'
        ? t('audit.actor.staff')
        : event.actorType === 'operator'
          ? t('audit.actor.operator')
          : event.actorType === 'anonymous'
            ? t('audit.actor.anonymous')
            : t('audit.actor.unknown'));
  const target = event.targetName ?? str(details.email) ?? t('audit.target.unknown');
  const email = str(details.email) ?? event.targetName ?? t('audit.target.unknown');
  const role = (value: unknown) => (isRole(value) ? t(ROLE_KEYS[value]) : t('audit.target.unknown'));
  const one = (key: MessageKey, params: MessageParams = {}, detail: string | null = null) => ({
    text: t(key, { actor, target, ...params }),
    detail,
  });

  switch (event.action) {
    case 'sign_in.succeeded':
      return one('audit.event.signInSucceeded');
    case 'sign_in.failed':
      return details.reason === 'unknown_email' || !event.targetId
        ? one('audit.event.signInFailedUnknown')
        : one(
            'audit.event.signInFailed',
            {},
            typeof details.consecutiveFailures === 'number'
              ? t('audit.detail.consecutive', { count: details.consecutiveFailures })
              : null,
          );
    case 'sign_in.refused':
      return one(
        details.reason === 'account_disabled'
          ? 'audit.event.signInRefusedDisabled'
          : details.reason === 'property_suspended'
            ? 'audit.event.signInRefusedSuspended'
            : 'audit.event.signInRefused',
      );
    case 'sign_in.password_expired':
      return one('audit.event.signInPasswordExpired');
    case 'account.disabled':
      return typeof details.attempts === 'number'
        ? one('audit.event.accountDisabledAttempts', { count: details.attempts })
        : one('audit.event.accountDisabled');
    case 'account.enabled':
      return details.by === 'password_reset'
        ? one('audit.event.accountEnabledByReset')
        : one('audit.event.accountEnabled');
    case 'password.changed':
      return one(
        details.how === 'reset'
          ? 'audit.event.passwordChangedReset'
          : details.how === 'expired_change'
            ? 'audit.event.passwordChangedExpired'
            : 'audit.event.passwordChanged',
      );
    case 'password_reset.sent_by_manager':
      return one('audit.event.resetSentByManager');
    case 'password_reset.requested':
      return one('audit.event.resetRequested');
    case 'mfa.reset':
      return one('audit.event.mfaReset');
    case 'property.two_factor_policy':
      return one(
        details.required === false ? 'audit.event.twoFactorPolicyOff' : 'audit.event.twoFactorPolicyOn',
      );
    case 'invitation.sent':
      return one('audit.event.invitationSent', { email, role: role(details.role) });
    case 'invitation.resent':
      return one('audit.event.invitationResent', { email });
    case 'invitation.revoked':
      return one('audit.event.invitationRevoked', { email });
    case 'invitation.accepted':
      return one('audit.event.invitationAccepted', { role: role(details.role) });
    case 'membership.added':
      return one('audit.event.membershipAdded', { role: role(details.role) });
    case 'membership.removed':
      return one('audit.event.membershipRemoved');
    case 'membership.role_changed':
      return one('audit.event.roleChanged', { from: role(details.from), to: role(details.to) });
    case 'grants.changed': {
      const added = grantsOf(details.added).map((g) => grantLabel(g, products, lang, t));
      const removed = grantsOf(details.removed).map((g) => grantLabel(g, products, lang, t));
      const parts: string[] = [];
      if (added.length) parts.push(t('audit.detail.granted', { list: allOf(lang, added) }));
      if (removed.length) parts.push(t('audit.detail.revoked', { list: allOf(lang, removed) }));
      return one('audit.event.grantsChanged', {}, parts.length ? parts.join(' ') : null);
    }
    case 'email_change.requested':
      return one('audit.event.emailChangeRequested', { to: str(details.to) ?? '?' });
    case 'email_change.confirmed':
      return one('audit.event.emailChangeConfirmed', { to: str(details.to) ?? '?' });
    case 'property.created':
      return one('audit.event.propertyCreated');
    default:
      return event.targetId
        ? one('audit.event.otherWithTarget', { action: event.action })
        : one('audit.event.other', { action: event.action });
  }
}

/**
 * `/property/users` (admins and user managers): the property's people with why any of them
 * cannot get in — status and reason, failed attempts, last sign-in, password expiry, 2FA — with
 * filters, a way to invite someone, and the pending invitations. A table on wide screens, one card
 * per person on narrow ones.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { invitationAction, listInvitations, listMembers } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { Invitation, Member, Membership, Role } from '../api/types.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { FeedbackSlots, useFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { clearFlash, readFlash } from '../features/flash.js';
import { isRole, ROLE_KEYS, ROLES } from '../features/property/labels.js';
import { ManagerOnly } from '../features/property/ManagerOnly.js';
import { TwoFactorPolicy } from '../features/property/TwoFactorPolicy.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { MemberStatus, useMemberText } from '../features/users/member-facts.js';
import { formatDate } from '../i18n/format.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type StatusFilter = 'all' | 'active' | 'disabled' | 'expired';

type Load<T> =
  | { status: 'loading' }
  | { status: 'ready'; items: T[] }
  | { status: 'failed'; message: string };

export function UsersPage() {
  const { t } = useT();
  return (
    <ManagerOnly title={t('users.title')}>
      {(membership) => <UsersList membership={membership} />}
    </ManagerOnly>
  );
}

function matches(member: Member, status: StatusFilter, role: Role | 'all', query: string): boolean {
  if (status === 'active' && member.status !== 'active') return false;
  if (status === 'disabled' && member.status !== 'disabled') return false;
  if (status === 'expired' && !member.passwordExpired) return false;
  if (role !== 'all' && member.role !== role) return false;
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return true;
  return member.name.toLocaleLowerCase().includes(q) || member.email.toLocaleLowerCase().includes(q);
}

function UsersList({ membership }: { membership: Membership }) {
  const { t, getLang } = useT();
  const { payload } = useActiveSession();
  const propertyId = membership.propertyId;
  const ids = { status: useId(), role: useId(), query: useId(), count: useId() };
  const flashFeedback = useFeedback();
  const [members, setMembers] = useState<Load<Member>>({ status: 'loading' });
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [roleFilter, setRoleFilter] = useState<Role | 'all'>('all');
  const [query, setQuery] = useState('');

  const refresh = useCallback(async () => {
    const result = await listMembers(getLang(), propertyId);
    if (result.kind === 'ok') {
      const sorted = [...result.data.users].sort((a, b) => a.name.localeCompare(b.name, getLang()));
      setMembers({ status: 'ready', items: sorted });
    } else if (!leaveIfSignedOut(result)) setMembers({ status: 'failed', message: failureText(result, t) });
  }, [getLang, propertyId, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A confirmation from the previous page (an invitation sent, someone removed), announced once.
  const { showSuccess } = flashFeedback;
  useEffect(() => {
    const flash = readFlash();
    if (!flash) return;
    clearFlash();
    showSuccess(t(flash.key, flash.params));
  }, [showSuccess, t]);

  const all = members.status === 'ready' ? members.items : [];
  const shown = useMemo(
    () => all.filter((member) => matches(member, statusFilter, roleFilter, query)),
    [all, statusFilter, roleFilter, query],
  );
  const filtered = statusFilter !== 'all' || roleFilter !== 'all' || query.trim() !== '';

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <p className="lead">{t('users.intro', { property: membership.propertyName })}</p>
      <FeedbackSlots feedback={flashFeedback} />
      <p className="actions">
        <Link to="/property/users/invite" className="button button--primary">
          {t('users.invite')}
        </Link>
      </p>

      <search className="filters">
        <form className="filters__form" onSubmit={(event) => event.preventDefault()}>
          <div className="filters__field">
            <label className="field__label" htmlFor={ids.status}>
              {t('users.filter.status')}
            </label>
            <select
              id={ids.status}
              className="field__input"
              value={statusFilter}
              onChange={(event) => setStatusFilter(event.target.value as StatusFilter)}
            >
              <option value="all">{t('users.filter.statusAll')}</option>
              <option value="active">{t('users.filter.statusActive')}</option>
              <option value="disabled">{t('users.filter.statusDisabled')}</option>
              <option value="expired">{t('users.filter.statusExpired')}</option>
            </select>
          </div>
          <div className="filters__field">
            <label className="field__label" htmlFor={ids.role}>
              {t('users.filter.role')}
            </label>
            <select
              id={ids.role}
              className="field__input"
              value={roleFilter}
              onChange={(event) => setRoleFilter(isRole(event.target.value) ? event.target.value : 'all')}
            >
              <option value="all">{t('users.filter.roleAll')}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(ROLE_KEYS[role])}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field filters__field--grow">
            <label className="field__label" htmlFor={ids.query}>
              {t('users.filter.search')}
            </label>
            <input
              id={ids.query}
              className="field__input"
              type="search"
              autoCapitalize="none"
              spellCheck={false}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              aria-describedby={ids.count}
            />
          </div>
        </form>
      </search>

      <p id={ids.count} role="status" className="filters__count">
        {members.status === 'ready'
          ? filtered
            ? t('users.countFiltered', { shown: shown.length, total: all.length })
            : t('users.count', { total: all.length })
          : null}
      </p>

      {members.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {members.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{members.message}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {members.status === 'ready' && shown.length === 0 ? (
        <p className="empty">{filtered ? t('users.noneMatching') : t('users.none')}</p>
      ) : null}
      {shown.length > 0 ? (
        <MembersTable members={shown} selfId={payload.user.id} propertyName={membership.propertyName} />
      ) : null}

      <InvitationsSection membership={membership} />
      <TwoFactorPolicy membership={membership} />
    </>
  );
}

function MembersTable({
  members,
  selfId,
  propertyName,
}: {
  members: Member[];
  selfId: string;
  propertyName: string;
}) {
  const { t } = useT();
  const text = useMemberText();
  const labels = {
    email: t('users.col.email'),
    role: t('users.col.role'),
    status: t('users.col.status'),
    attempts: t('users.col.attempts'),
    lastLogin: t('users.col.lastLogin'),
    expiry: t('users.col.passwordExpiry'),
    twoFactor: t('users.col.twoFactor'),
  };
  return (
    <table className="table table--cards users-table">
      <caption className="visually-hidden">{t('users.caption', { property: propertyName })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('users.col.name')}</th>
          <th scope="col">{labels.email}</th>
          <th scope="col">{labels.role}</th>
          <th scope="col">{labels.status}</th>
          <th scope="col">{labels.attempts}</th>
          <th scope="col">{labels.lastLogin}</th>
          <th scope="col">{labels.expiry}</th>
          <th scope="col">{labels.twoFactor}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.userId} className={member.status === 'disabled' ? 'row--disabled' : undefined}>
            <th scope="row" className="table__title">
              <Link to={`/property/users/${member.userId}`} className="table__link">
                {member.name}
              </Link>
              {member.userId === selfId ? (
                <span className="badge badge--neutral">{t('users.you')}</span>
              ) : null}
            </th>
            <td data-label={labels.email} className="table__email">
              <BreakableEmail email={member.email} />
            </td>
            <td data-label={labels.role}>{t(ROLE_KEYS[member.role])}</td>
            <td data-label={labels.status}>
              <MemberStatus member={member} />
            </td>
            <td data-label={labels.attempts} className="table__number">
              {member.failedAttempts}
            </td>
            <td data-label={labels.lastLogin}>{text.lastLogin(member)}</td>
            <td data-label={labels.expiry}>{text.passwordExpiry(member)}</td>
            <td data-label={labels.twoFactor}>{text.twoFactor(member)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An address that may wrap after its "@" rather than anywhere. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

function InvitationsSection({ membership }: { membership: Membership }) {
  const { t, lang, getLang } = useT();
  const headingId = useId();
  const propertyId = membership.propertyId;
  const feedback = useFeedback();
  const [load, setLoad] = useState<Load<Invitation>>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  const refresh = useCallback(async () => {
    const result = await listInvitations(getLang(), propertyId);
    if (result.kind === 'ok') setLoad({ status: 'ready', items: result.data.invitations });
    else if (!leaveIfSignedOut(result)) setLoad({ status: 'failed', message: failureText(result, t) });
  }, [getLang, propertyId, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function act(invitation: Invitation, action: 'resend' | 'revoke') {
    if (busy) return;
    setBusy(invitation.id);
    feedback.reset();
    const result = await invitationAction(getLang(), propertyId, invitation.id, action);
    setBusy(null);
    setRevoking(null);
    if (result.kind === 'ok') {
      feedback.showSuccess(
        action === 'resend'
          ? t('invitations.resent', { email: invitation.email })
          : t('invitations.revoked', { email: invitation.email }),
      );
    } else if (leaveIfSignedOut(result)) return;
    else feedback.showError(failureText(result, t));
    await refresh();
  }

  const invitations = load.status === 'ready' ? load.items : [];
  const canManage = (invitation: Invitation) => invitation.role !== 'admin' || membership.role === 'admin';

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section__title">
        {t('invitations.title')}
      </h2>
      <FeedbackSlots feedback={feedback} />
      {load.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {load.status === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{load.message}</p>
        </div>
      ) : null}
      {load.status === 'ready' && invitations.length === 0 ? (
        <p className="muted">{t('invitations.none')}</p>
      ) : null}
      {invitations.length > 0 ? (
        <ul className="cards">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="cards__item">
              <p className="cards__title">{invitation.name ?? invitation.email}</p>
              <dl className="facts cards__facts">
                {invitation.name ? (
                  <div className="facts__row">
                    <dt>{t('users.col.email')}</dt>
                    <dd>{invitation.email}</dd>
                  </div>
                ) : null}
                <div className="facts__row">
                  <dt>{t('users.col.role')}</dt>
                  <dd>{t(ROLE_KEYS[invitation.role])}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('invitations.sentOn')}</dt>
                  <dd>{formatDate(lang, new Date(Date.parse(invitation.createdAt)))}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('invitations.validUntil')}</dt>
                  <dd>{formatDate(lang, new Date(Date.parse(invitation.expiresAt)))}</dd>
                </div>
              </dl>
              {canManage(invitation) ? (
                <div className="actions cards__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void act(invitation, 'resend')}
                    aria-busy={busy === invitation.id}
                    disabled={busy !== null}
                  >
                    {t('invitations.resend')}
                    <span className="visually-hidden"> — {invitation.email}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    onClick={() => setRevoking(invitation)}
                    disabled={busy !== null}
                  >
                    {t('invitations.revoke')}
                    <span className="visually-hidden"> — {invitation.email}</span>
                  </button>
                </div>
              ) : (
                <p className="muted">{t('invitations.adminOnly')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={t('invitations.revokeTitle', { email: revoking?.email ?? '' })}
        confirmLabel={t('invitations.revokeConfirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={busy !== null}
        onConfirm={() => {
          if (revoking) void act(revoking, 'revoke');
        }}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('invitations.revokeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

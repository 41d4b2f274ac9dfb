/**
 * `/property/users/:id` (admins and user managers): everything about one person — status and why,
 * attempts, last sign-in, password expiry, 2FA — then what can be done: re-enable (two clicks),
 * send a reset link, change the role, correct the e-mail (verified), remove from the property, and
 * the access matrix. Actions the manager may not take are explained rather than offered.
 */
import {
  type FormEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { changeRole, getMember, getProducts, memberAction, requestEmailChange } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { Member, Membership, Product, Role } from '../api/types.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { FeedbackSlots, useFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { navigateWithFlash } from '../features/flash.js';
import { isRole, ROLE_KEYS, ROLES } from '../features/property/labels.js';
import { ManagerOnly } from '../features/property/ManagerOnly.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { GrantEditor } from '../features/users/GrantEditor.js';
import type { Held } from '../features/users/grants.js';
import { MemberStatus, useMemberText } from '../features/users/member-facts.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; member: Member; products: Product[]; held: Held }
  | { status: 'not_found'; message: string }
  | { status: 'failed'; message: string };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function UserDetailPage({ userId }: { userId: string }) {
  const { t } = useT();
  return (
    <ManagerOnly title={t('user.titleGeneric')}>
      {(membership) => <UserDetail membership={membership} userId={userId} />}
    </ManagerOnly>
  );
}

function UserDetail({ membership, userId }: { membership: Membership; userId: string }) {
  const { t, getLang } = useT();
  const { payload } = useActiveSession();
  const selfId = payload.user.id;
  const propertyId = membership.propertyId;
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const refresh = useCallback(async () => {
    const lang = getLang();
    const [member, products, self] = await Promise.all([
      getMember(lang, propertyId, userId),
      getProducts(lang),
      // What the manager holds decides which boxes they may tick; admins hold everything.
      membership.role === 'admin' ? Promise.resolve(null) : getMember(lang, propertyId, selfId),
    ]);
    for (const result of [member, products, self]) if (result && leaveIfSignedOut(result)) return;
    if (member.kind === 'error' && member.status === 404) {
      setLoad({ status: 'not_found', message: member.error.message });
      return;
    }
    if (member.kind !== 'ok') return setLoad({ status: 'failed', message: failureText(member, t) });
    if (products.kind !== 'ok') return setLoad({ status: 'failed', message: failureText(products, t) });
    if (self && self.kind !== 'ok') return setLoad({ status: 'failed', message: failureText(self, t) });
    setLoad({
      status: 'ready',
      member: member.data,
      products: products.data.products,
      held: self ? self.data.grants : 'all',
    });
  }, [getLang, propertyId, userId, selfId, membership.role, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (load.status === 'loading') return <p className="loading">{t('common.loading')}</p>;

  if (load.status === 'not_found' || load.status === 'failed') {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/property/users">{t('user.back')}</Link>
        </p>
        <PageHeading>{load.status === 'not_found' ? t('user.notFound') : t('user.titleGeneric')}</PageHeading>
        <div role="alert" className="alert alert--error">
          <p className="alert__message">
            {load.status === 'not_found' ? t('user.notFoundBody') : load.message}
          </p>
        </div>
        {load.status === 'failed' ? (
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        ) : null}
      </>
    );
  }

  const { member, products, held } = load;
  const isSelf = member.userId === selfId;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/property/users">{t('user.back')}</Link>
      </p>
      <PageHeading>{member.name}</PageHeading>
      <p className="lead">
        {t(ROLE_KEYS[member.role])} · {membership.propertyName}
        {isSelf ? ` · ${t('users.you')}` : ''}
      </p>
      <MemberFacts member={member} />
      <MemberActions
        membership={membership}
        member={member}
        isSelf={isSelf}
        onChanged={() => void refresh()}
      />
      <GrantEditor
        key={member.userId}
        propertyId={propertyId}
        member={member}
        products={products}
        held={held}
        isSelf={isSelf}
        onSaved={(grants) => setLoad({ ...load, member: { ...member, grants } })}
      />
    </>
  );
}

function MemberFacts({ member }: { member: Member }) {
  const { t } = useT();
  const text = useMemberText();
  return (
    <dl className="facts facts--spaced">
      <div className="facts__row">
        <dt>{t('users.col.email')}</dt>
        <dd>{member.email}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('users.col.status')}</dt>
        <dd>
          <MemberStatus member={member} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('user.attempts')}</dt>
        <dd>{member.failedAttempts}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('users.col.lastLogin')}</dt>
        <dd>{text.lastLogin(member)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('user.passwordChanged')}</dt>
        <dd>{text.passwordChanged(member)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('users.col.passwordExpiry')}</dt>
        <dd>{text.passwordExpiry(member)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('users.col.twoFactor')}</dt>
        <dd>{text.twoFactor(member)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('user.memberSince')}</dt>
        <dd>{text.memberSince(member)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('user.language')}</dt>
        <dd lang={member.language === 'en' ? 'en' : 'fr'}>
          {member.language === 'en' ? 'English' : 'Français'}
        </dd>
      </div>
    </dl>
  );
}

interface ActionProps {
  membership: Membership;
  member: Member;
  isSelf: boolean;
  onChanged: () => void;
}

function MemberActions(props: ActionProps) {
  const { t } = useT();
  const headingId = useId();
  const { membership, member, isSelf } = props;
  const adminOnly = member.role === 'admin' && membership.role !== 'admin';
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section__title">
        {t('user.actions')}
      </h2>
      <div className="action-list">
        <EnableAction {...props} adminOnly={adminOnly} />
        <ResetLinkAction {...props} />
        {isSelf ? null : <TwoFactorAction {...props} adminOnly={adminOnly} />}
        <RoleAction {...props} adminOnly={adminOnly} />
        <EmailAction {...props} adminOnly={adminOnly} />
        {isSelf ? null : <RemoveAction {...props} adminOnly={adminOnly} />}
      </div>
    </section>
  );
}

/** A titled block of the action list; the title takes focus when the block's button goes away. */
function ActionBlock({
  title,
  titleRef,
  children,
}: {
  title: string;
  titleRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="action" aria-labelledby={headingId}>
      <h3 id={headingId} ref={titleRef} tabIndex={-1} className="action__title">
        {title}
      </h3>
      {children}
    </section>
  );
}

function EnableAction({ membership, member, onChanged, adminOnly }: ActionProps & { adminOnly: boolean }) {
  const { t, getLang } = useT();
  const feedback = useFeedback();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (member.status !== 'disabled' && !done) return null;

  async function enable() {
    if (busy) return;
    setBusy(true);
    feedback.reset();
    const result = await memberAction(getLang(), membership.propertyId, member.userId, 'enable');
    setBusy(false);
    setConfirming(false);
    if (result.kind === 'ok') {
      setDone(true);
      feedback.showSuccess(t('user.enable.done', { name: member.name }));
      titleRef.current?.focus();
      onChanged();
    } else if (!leaveIfSignedOut(result)) {
      feedback.showError(failureText(result, t));
      startRef.current?.focus();
    }
  }

  return (
    <ActionBlock title={t('user.enable.title')} titleRef={titleRef}>
      {member.status === 'disabled' ? <p>{t('user.enable.body')}</p> : null}
      {adminOnly ? (
        <p className="muted">{t('user.adminOnly')}</p>
      ) : member.status !== 'disabled' ? null : confirming ? (
        <div className="confirm">
          <p id={questionId} className="confirm__question">
            {t('user.enable.question', { name: member.name })}
          </p>
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="button button--primary"
              onClick={() => void enable()}
              aria-describedby={questionId}
              aria-busy={busy}
            >
              {busy ? t('common.saving') : t('user.enable.confirm')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => startRef.current?.focus());
              }}
              disabled={busy}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={startRef}
          type="button"
          className="button button--primary"
          onClick={() => {
            feedback.reset();
            setConfirming(true);
          }}
        >
          {t('user.enable.start')}
        </button>
      )}
      <FeedbackSlots feedback={feedback} />
    </ActionBlock>
  );
}

function ResetLinkAction({ membership, member }: ActionProps) {
  const { t, getLang } = useT();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);

  async function send() {
    if (busy) return;
    setBusy(true);
    feedback.reset();
    const result = await memberAction(getLang(), membership.propertyId, member.userId, 'send-reset-link');
    setBusy(false);
    if (result.kind === 'ok') feedback.showSuccess(t('user.reset.done', { email: member.email }));
    else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  return (
    <ActionBlock title={t('user.reset.title')}>
      <p>{t('user.reset.body')}</p>
      <button type="button" className="button" onClick={() => void send()} aria-busy={busy}>
        {busy ? t('common.sending') : t('user.reset.send')}
      </button>
      <FeedbackSlots feedback={feedback} />
    </ActionBlock>
  );
}

function TwoFactorAction({ membership, member, onChanged, adminOnly }: ActionProps & { adminOnly: boolean }) {
  const { t, getLang } = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);

  if (!member.twoFactorEnabled && !done) return null;

  async function reset() {
    if (busy) return;
    setBusy(true);
    feedback.reset();
    const result = await memberAction(getLang(), membership.propertyId, member.userId, 'reset-2fa');
    setBusy(false);
    setOpen(false);
    if (result.kind === 'ok') {
      setDone(true);
      feedback.showSuccess(t('user.twoFactor.done', { name: member.name }));
      titleRef.current?.focus();
      onChanged();
    } else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  return (
    <ActionBlock title={t('user.twoFactor.title')} titleRef={titleRef}>
      {member.twoFactorEnabled ? <p>{t('user.twoFactor.body')}</p> : null}
      {adminOnly ? (
        <p className="muted">{t('user.adminOnly')}</p>
      ) : member.twoFactorEnabled ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('user.twoFactor.start')}
        </button>
      ) : null}
      <FeedbackSlots feedback={feedback} />
      <ConfirmDialog
        open={open}
        title={t('user.twoFactor.question', { name: member.name })}
        confirmLabel={t('user.twoFactor.confirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={busy}
        onConfirm={() => void reset()}
        onCancel={() => setOpen(false)}
      >
        <p>{t('user.twoFactor.consequence')}</p>
      </ConfirmDialog>
    </ActionBlock>
  );
}

function RoleAction({
  membership,
  member,
  isSelf,
  onChanged,
  adminOnly,
}: ActionProps & { adminOnly: boolean }) {
  const { t, getLang } = useT();
  const selectId = useId();
  const feedback = useFeedback();
  const [role, setRole] = useState<Role>(member.role);
  const [busy, setBusy] = useState(false);
  const offered = ROLES.filter(
    (r) => r !== 'admin' || membership.role === 'admin' || member.role === 'admin',
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (role === member.role) {
      feedback.showError(t('user.role.unchanged'));
      return;
    }
    setBusy(true);
    feedback.reset();
    const result = await changeRole(getLang(), membership.propertyId, member.userId, role);
    setBusy(false);
    if (result.kind === 'ok') {
      feedback.showSuccess(t('user.role.done', { name: member.name, role: t(ROLE_KEYS[role]) }));
      onChanged();
    } else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  return (
    <ActionBlock title={t('user.role.title')}>
      {isSelf ? (
        <p className="muted">{t('user.role.self')}</p>
      ) : adminOnly ? (
        <p className="muted">{t('user.adminOnly')}</p>
      ) : (
        <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="inline-form__field">
            <label className="field__label" htmlFor={selectId}>
              {t('user.role.label')}
            </label>
            <select
              id={selectId}
              className="field__input"
              value={role}
              onChange={(event) => {
                if (isRole(event.target.value)) setRole(event.target.value);
              }}
            >
              {offered.map((option) => (
                <option key={option} value={option}>
                  {t(ROLE_KEYS[option])}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" aria-busy={busy}>
            {busy ? t('common.saving') : t('user.role.submit')}
          </button>
        </form>
      )}
      {membership.role !== 'admin' && !isSelf && !adminOnly ? (
        <p className="muted">{t('user.role.noAdmin')}</p>
      ) : null}
      <FeedbackSlots feedback={feedback} />
    </ActionBlock>
  );
}

function EmailAction({ membership, member, adminOnly }: ActionProps & { adminOnly: boolean }) {
  const { t, getLang } = useT();
  const ids = { input: useId(), hint: useId(), error: useId() };
  const feedback = useFeedback();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const value = email.trim();
    const problem =
      value === ''
        ? t('user.email.missing')
        : !EMAIL_PATTERN.test(value)
          ? t('signIn.validation.emailInvalid')
          : value.toLowerCase() === member.email.toLowerCase()
            ? t('user.email.same')
            : null;
    setFieldError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    feedback.reset();
    const result = await requestEmailChange(getLang(), membership.propertyId, member.userId, value);
    setBusy(false);
    if (result.kind === 'ok') {
      setEmail('');
      feedback.showSuccess(t('user.email.done', { email: value, old: member.email }));
    } else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  return (
    <ActionBlock title={t('user.email.title')}>
      {adminOnly ? (
        <p className="muted">{t('user.adminOnly')}</p>
      ) : (
        <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="inline-form__field inline-form__field--grow">
            <label className="field__label" htmlFor={ids.input}>
              {t('user.email.label')}
            </label>
            <input
              ref={inputRef}
              id={ids.input}
              className="field__input"
              type="email"
              inputMode="email"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                setFieldError(null);
              }}
              aria-invalid={fieldError !== null}
              aria-describedby={fieldError ? `${ids.error} ${ids.hint}` : ids.hint}
            />
            {fieldError ? (
              <p id={ids.error} className="field__error">
                {fieldError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" aria-busy={busy}>
            {busy ? t('common.sending') : t('user.email.submit')}
          </button>
          <p id={ids.hint} className="muted inline-form__hint">
            {t('user.email.hint', { email: member.email })}
          </p>
        </form>
      )}
      <FeedbackSlots feedback={feedback} />
    </ActionBlock>
  );
}

function RemoveAction({ membership, member, adminOnly }: ActionProps & { adminOnly: boolean }) {
  const { t, getLang } = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  async function remove() {
    if (busy) return;
    setBusy(true);
    feedback.reset();
    const result = await memberAction(getLang(), membership.propertyId, member.userId, 'remove');
    setBusy(false);
    setOpen(false);
    if (result.kind === 'ok') {
      navigateWithFlash('/property/users', {
        key: 'user.remove.done',
        params: { name: member.name, property: membership.propertyName },
      });
    } else if (!leaveIfSignedOut(result)) feedback.showError(failureText(result, t));
  }

  return (
    <ActionBlock title={t('user.remove.title')}>
      <p>{t('user.remove.body')}</p>
      {adminOnly ? (
        <p className="muted">{t('user.adminOnly')}</p>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
          {t('user.remove.start')}
        </button>
      )}
      <FeedbackSlots feedback={feedback} />
      <ConfirmDialog
        open={open}
        title={t('user.remove.question', { name: member.name, property: membership.propertyName })}
        confirmLabel={t('user.remove.confirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setOpen(false)}
      >
        <p>{t('user.remove.consequence', { name: member.name, property: membership.propertyName })}</p>
      </ConfirmDialog>
    </ActionBlock>
  );
}

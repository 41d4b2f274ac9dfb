/**
 * `/property/users/invite` (admins and user managers): invite someone by e-mail — address,
 * optional name, role (admin only offered to admins), the e-mail's language and the access to
 * start with (the same matrix as on a person's page). Back to the list with a confirmation.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { getMember, getProducts, invite } from '../api/endpoints.js';
import { failureText, leaveIfSignedOut } from '../api/failure.js';
import type { Membership, Product, Role } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { navigateWithFlash } from '../features/flash.js';
import { isRole, ROLE_KEYS, ROLES } from '../features/property/labels.js';
import { ManagerOnly } from '../features/property/ManagerOnly.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { GrantMatrix } from '../features/users/GrantMatrix.js';
import { fromKeys, type Held } from '../features/users/grants.js';
import type { MessageKey } from '../i18n/fr.js';
import { useT } from '../i18n/I18nProvider.js';
import type { Lang } from '../i18n/lang.js';
import { Link } from '../router.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const ROLE_HINTS: Record<Role, MessageKey> = {
  admin: 'invite.roleHint.admin',
  user_manager: 'invite.roleHint.user_manager',
  member: 'invite.roleHint.member',
};

type Load =
  | { status: 'loading' }
  | { status: 'ready'; products: Product[]; held: Held }
  | { status: 'failed'; message: string };

export function InvitePage() {
  const { t } = useT();
  return (
    <ManagerOnly title={t('invite.title')}>
      {(membership) => <InviteForm membership={membership} />}
    </ManagerOnly>
  );
}

function InviteForm({ membership }: { membership: Membership }) {
  const { t, lang, getLang } = useT();
  const { payload } = useActiveSession();
  const id = useId();
  const ids = {
    email: `${id}-email`,
    emailError: `${id}-email-error`,
    name: `${id}-name`,
    role: `${id}-role`,
    roleHint: `${id}-role-hint`,
    alert: `${id}-alert`,
  };
  const propertyId = membership.propertyId;
  const isAdmin = membership.role === 'admin';
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [language, setLanguage] = useState<Lang>(lang);
  const [grants, setGrants] = useState<Set<string>>(() => new Set());
  const [emailError, setEmailError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const selfId = payload.user.id;

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const lang = getLang();
      const [products, self] = await Promise.all([
        getProducts(lang),
        isAdmin ? Promise.resolve(null) : getMember(lang, propertyId, selfId),
      ]);
      if (cancelled) return;
      if (leaveIfSignedOut(products) || (self && leaveIfSignedOut(self))) return;
      if (products.kind !== 'ok') return setLoad({ status: 'failed', message: failureText(products, t) });
      if (self && self.kind !== 'ok') return setLoad({ status: 'failed', message: failureText(self, t) });
      setLoad({ status: 'ready', products: products.data.products, held: self ? self.data.grants : 'all' });
    })();
    return () => {
      cancelled = true;
    };
  }, [getLang, isAdmin, propertyId, selfId, t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || load.status !== 'ready') return;
    const address = email.trim();
    const problem =
      address === ''
        ? t('invite.emailMissing')
        : !EMAIL_PATTERN.test(address)
          ? t('signIn.validation.emailInvalid')
          : null;
    setEmailError(problem);
    if (problem) {
      emailRef.current?.focus();
      return;
    }
    setPending(true);
    setAlert(null);
    const result = await invite(getLang(), propertyId, {
      email: address,
      ...(name.trim() ? { name: name.trim() } : {}),
      role,
      language,
      // Admins open everything: the server refuses grants for them.
      grants: role === 'admin' ? [] : fromKeys(grants, load.products),
    });
    setPending(false);
    if (result.kind === 'ok') {
      navigateWithFlash('/property/users', { key: 'invite.sent', params: { email: address } });
      return;
    }
    if (leaveIfSignedOut(result)) return;
    setAlert(failureText(result, t));
  }

  const roles = ROLES.filter((r) => r !== 'admin' || isAdmin);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/property/users">{t('user.back')}</Link>
      </p>
      <PageHeading>{t('invite.title')}</PageHeading>
      <p className="lead">{t('invite.intro', { property: membership.propertyName })}</p>

      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={pending}>
        <div id={ids.alert} role="alert" className="live-slot">
          {alert ? (
            <div className="alert alert--error">
              <p className="alert__message">{alert}</p>
            </div>
          ) : null}
        </div>

        <div className="field">
          <label className="field__label" htmlFor={ids.email}>
            {t('invite.email')}
          </label>
          <input
            ref={emailRef}
            id={ids.email}
            className="field__input"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setEmailError(null);
            }}
            aria-invalid={emailError !== null}
            aria-describedby={emailError ? ids.emailError : alert ? ids.alert : undefined}
          />
          {emailError ? (
            <p id={ids.emailError} className="field__error">
              {emailError}
            </p>
          ) : null}
        </div>

        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            {t('invite.name')}
          </label>
          <input
            id={ids.name}
            className="field__input"
            type="text"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>

        <div className="field">
          <label className="field__label" htmlFor={ids.role}>
            {t('invite.role')}
          </label>
          <select
            id={ids.role}
            className="field__input"
            value={role}
            onChange={(event) => {
              if (isRole(event.target.value)) setRole(event.target.value);
            }}
            aria-describedby={ids.roleHint}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(ROLE_KEYS[option])}
              </option>
            ))}
          </select>
          <p id={ids.roleHint} className="field__hint">
            {t(ROLE_HINTS[role])}
            {isAdmin ? '' : ` ${t('user.role.noAdmin')}`}
          </p>
        </div>

        <fieldset className="field choice-group">
          <legend className="field__label">{t('invite.language')}</legend>
          <div className="choice-group__options">
            {(['fr', 'en'] as const).map((option) => (
              <label key={option} className="radio">
                <input
                  type="radio"
                  name={`${id}-language`}
                  value={option}
                  checked={language === option}
                  onChange={() => setLanguage(option)}
                />
                <span lang={option}>{option === 'fr' ? 'Français' : 'English'}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <h2 className="section__subtitle">{t('invite.grants')}</h2>
          {role === 'admin' ? (
            <div className="notice notice--info">
              <p>{t('invite.adminOpensAll')}</p>
            </div>
          ) : load.status === 'loading' ? (
            <p className="loading">{t('common.loading')}</p>
          ) : load.status === 'failed' ? (
            <div role="alert" className="alert alert--error">
              <p className="alert__message">{load.message}</p>
            </div>
          ) : (
            <>
              <p className="muted">
                {t('invite.grantsIntro')}
                {load.held === 'all' ? '' : ` ${t('grants.onlyHeld')}`}
              </p>
              <GrantMatrix products={load.products} value={grants} onChange={setGrants} held={load.held} />
            </>
          )}
        </div>

        <div className="actions">
          <button type="submit" className="button button--primary" aria-busy={pending}>
            {pending ? t('common.sending') : t('invite.submit')}
          </button>
          <Link to="/property/users" className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

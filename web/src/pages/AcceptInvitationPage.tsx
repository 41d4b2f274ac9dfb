/**
 * `/accept-invitation#token=…`: the e-mailed invitation. The page looks the link up, then either
 * lets a newcomer create their account (name and password, with the strength meter) or lets
 * someone who already has a Portier account join in one click. Either way they sign in afterwards.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { acceptInvitation, lookupInvitation } from '../api/endpoints.js';
import type { InvitationLookup } from '../api/types.js';
import { PageHeading } from '../components/PageHeading.js';
import { useHashToken } from '../features/links/hash-token.js';
import { NewPasswordForm } from '../features/password/NewPasswordForm.js';
import { readPasswordOutcome } from '../features/password/password-outcome.js';
import { ROLE_KEYS } from '../features/property/labels.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type Stage =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; invitation: InvitationLookup }
  | { kind: 'done'; propertyName: string; email: string };

export function AcceptInvitationPage() {
  const { t, getLang } = useT();
  const token = useHashToken();
  const [stage, setStage] = useState<Stage>(token === null ? { kind: 'missing' } : { kind: 'loading' });

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    void (async () => {
      const result = await lookupInvitation(getLang(), token);
      if (cancelled) return;
      if (result.kind === 'ok') setStage({ kind: 'ready', invitation: result.data });
      else if (result.kind === 'error' && result.error.code === 'invalid_token')
        setStage({ kind: 'invalid' });
      else
        setStage({
          kind: 'failed',
          message:
            result.kind === 'error'
              ? result.error.message || t('common.unexpectedError')
              : t('common.networkError'),
        });
    })();
    return () => {
      cancelled = true;
    };
  }, [token, getLang, t]);

  switch (stage.kind) {
    case 'loading':
      return (
        <p role="status" className="loading">
          {t('common.loading')}
        </p>
      );
    case 'missing':
    case 'invalid':
      return (
        <>
          <PageHeading autoFocus={stage.kind === 'invalid'}>
            {stage.kind === 'missing' ? t('accept.missing.title') : t('accept.invalid.title')}
          </PageHeading>
          <div role="alert" className="alert alert--error">
            <p className="alert__message">
              {stage.kind === 'missing' ? t('accept.missing.body') : t('accept.invalid.body')}
            </p>
          </div>
          <ul className="help__list checklist">
            <li>{t('accept.invalid.expired')}</li>
            <li>{t('accept.invalid.used')}</li>
            <li>{t('accept.invalid.resent')}</li>
          </ul>
          <p>{t('accept.invalid.next')}</p>
          <p className="form-footer">
            <Link to="/sign-in">{t('forgot.back')}</Link>
          </p>
        </>
      );
    case 'failed':
      return (
        <>
          <PageHeading>{t('accept.title')}</PageHeading>
          <div role="alert" className="alert alert--error">
            <p className="alert__message">{stage.message}</p>
          </div>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </button>
        </>
      );
    case 'done':
      return (
        <>
          <PageHeading autoFocus>{t('accept.done.title')}</PageHeading>
          <div className="notice notice--success">
            <p className="notice__title">{t('accept.done.joined', { property: stage.propertyName })}</p>
            <p>{t('accept.done.signIn', { email: stage.email })}</p>
          </div>
          <p>
            <Link to="/sign-in" className="button button--primary button--block">
              {t('reset.done.signIn')}
            </Link>
          </p>
        </>
      );
    case 'ready':
      return token === null ? null : (
        <ReadyInvitation
          token={token}
          invitation={stage.invitation}
          onAccepted={(propertyName) =>
            setStage({ kind: 'done', propertyName, email: stage.invitation.email })
          }
          onInvalid={() => setStage({ kind: 'invalid' })}
        />
      );
  }
}

function ReadyInvitation({
  token,
  invitation,
  onAccepted,
  onInvalid,
}: {
  token: string;
  invitation: InvitationLookup;
  onAccepted: (propertyName: string) => void;
  onInvalid: () => void;
}) {
  const { t, lang, getLang } = useT();
  const id = useId();
  const ids = { name: `${id}-name`, nameError: `${id}-name-error`, alert: `${id}-alert` };
  const [name, setName] = useState(invitation.name ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const role = t(ROLE_KEYS[invitation.role]);

  async function join() {
    if (joining) return;
    setJoining(true);
    setJoinError(null);
    const result = await acceptInvitation(getLang(), { token, language: lang });
    setJoining(false);
    if (result.kind === 'ok') onAccepted(result.data.propertyName);
    else if (result.kind === 'error' && result.error.code === 'invalid_token') onInvalid();
    else
      setJoinError(
        result.kind === 'error'
          ? result.error.message || t('common.unexpectedError')
          : t('common.networkError'),
      );
  }

  return (
    <>
      <PageHeading>{t('accept.heading', { property: invitation.propertyName })}</PageHeading>
      <div className="notice notice--info">
        <p className="notice__title">{t('accept.invited', { property: invitation.propertyName, role })}</p>
        <p>{t('accept.address', { email: invitation.email })}</p>
      </div>

      {invitation.existingAccount ? (
        <>
          <p>{t('accept.existing.body')}</p>
          <div role="alert" className="live-slot">
            {joinError ? (
              <div className="alert alert--error">
                <p className="alert__message">{joinError}</p>
              </div>
            ) : null}
          </div>
          <button
            type="button"
            className="button button--primary button--block"
            onClick={() => void join()}
            aria-busy={joining}
          >
            {joining ? t('accept.joining') : t('accept.existing.join', { property: invitation.propertyName })}
          </button>
        </>
      ) : (
        <>
          <p className="lead">{t('accept.new.intro')}</p>
          <NewPasswordForm
            token={token}
            username={invitation.email}
            submitLabel={t('accept.new.submit')}
            submittingLabel={t('accept.joining')}
            validateLeading={() => {
              if (name.trim() !== '') return true;
              setNameError(t('accept.new.nameMissing'));
              nameRef.current?.focus();
              return false;
            }}
            leading={
              <div className="field">
                <label className="field__label" htmlFor={ids.name}>
                  {t('accept.new.name')}
                </label>
                <input
                  ref={nameRef}
                  id={ids.name}
                  className="field__input"
                  type="text"
                  name="name"
                  autoComplete="name"
                  value={name}
                  onChange={(event) => {
                    setName(event.target.value);
                    setNameError(null);
                  }}
                  aria-invalid={nameError !== null}
                  aria-describedby={nameError ? ids.nameError : undefined}
                />
                {nameError ? (
                  <p id={ids.nameError} className="field__error">
                    {nameError}
                  </p>
                ) : null}
              </div>
            }
            onSubmit={async ({ password }) => {
              const result = await acceptInvitation(getLang(), {
                token,
                name: name.trim(),
                password,
                language: lang,
              });
              const outcome = readPasswordOutcome(result);
              if (result.kind === 'ok') onAccepted(result.data.propertyName);
              else if (outcome.kind === 'invalid_token') onInvalid();
              return outcome;
            }}
          />
        </>
      )}
    </>
  );
}

/**
 * `/confirm-email#token=…`: the link sent to a corrected address. Nothing changes until the
 * person presses the button (mail scanners that open links do not confirm anything); then the
 * address becomes the one to sign in with.
 */
import { useState } from 'react';
import { confirmEmailChange } from '../api/endpoints.js';
import { PageHeading } from '../components/PageHeading.js';
import { useHashToken } from '../features/links/hash-token.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type Stage = { kind: 'ready' } | { kind: 'invalid' } | { kind: 'done'; email: string };

export function ConfirmEmailPage() {
  const { t, getLang } = useT();
  const token = useHashToken();
  const [stage, setStage] = useState<Stage>(token === null ? { kind: 'invalid' } : { kind: 'ready' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (busy || token === null) return;
    setBusy(true);
    setError(null);
    const result = await confirmEmailChange(getLang(), token);
    setBusy(false);
    if (result.kind === 'ok') setStage({ kind: 'done', email: result.data.email });
    else if (result.kind === 'error' && result.error.code === 'invalid_token') setStage({ kind: 'invalid' });
    else
      setError(
        result.kind === 'error'
          ? result.error.message || t('common.unexpectedError')
          : t('common.networkError'),
      );
  }

  if (stage.kind === 'invalid') {
    return (
      <>
        <PageHeading autoFocus={token !== null}>{t('confirmEmail.invalid.title')}</PageHeading>
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{t('confirmEmail.invalid.body')}</p>
        </div>
        <p>{t('confirmEmail.invalid.next')}</p>
        <p className="form-footer">
          <Link to="/sign-in">{t('forgot.back')}</Link>
        </p>
      </>
    );
  }

  if (stage.kind === 'done') {
    return (
      <>
        <PageHeading autoFocus>{t('confirmEmail.done.title')}</PageHeading>
        <div className="notice notice--success">
          <p className="notice__title">{t('confirmEmail.done.body', { email: stage.email })}</p>
          <p>{t('confirmEmail.done.password')}</p>
        </div>
        <p>
          <Link to="/sign-in" className="button button--primary button--block">
            {t('reset.done.signIn')}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('confirmEmail.title')}</PageHeading>
      <p className="lead">{t('confirmEmail.intro')}</p>
      <div role="alert" className="live-slot">
        {error ? (
          <div className="alert alert--error">
            <p className="alert__message">{error}</p>
          </div>
        ) : null}
      </div>
      <button
        type="button"
        className="button button--primary button--block"
        onClick={() => void confirm()}
        aria-busy={busy}
      >
        {busy ? t('confirmEmail.confirming') : t('confirmEmail.confirm')}
      </button>
      <p className="form-footer">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}

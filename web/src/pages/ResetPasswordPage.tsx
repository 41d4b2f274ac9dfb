/**
 * `/reset-password#token=…` (SPEC §2): the e-mailed link. The token travels in the fragment, so
 * the browser never sends it to a server; the page reads it once, keeps it in memory and removes
 * it from the address bar (history, screenshots, a copied URL). A reset does not sign in: the
 * person signs in with the new password afterwards, with 2FA as usual.
 */
import { useState } from 'react';
import { confirmPasswordReset } from '../api/endpoints.js';
import { PageHeading } from '../components/PageHeading.js';
import { useHashToken } from '../features/links/hash-token.js';
import { NewPasswordForm } from '../features/password/NewPasswordForm.js';
import { readPasswordOutcome } from '../features/password/password-outcome.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

type Stage = 'form' | 'done' | 'invalid';

export function ResetPasswordPage() {
  const { t, getLang } = useT();
  const token = useHashToken();
  const [stage, setStage] = useState<Stage>('form');

  if (token === null) {
    return (
      <>
        <PageHeading>{t('reset.missing.title')}</PageHeading>
        <p>{t('reset.missing.body')}</p>
        <p>
          <Link to="/forgot-password" className="button button--primary">
            {t('reset.newLink')}
          </Link>
        </p>
        <p className="form-footer">
          <Link to="/sign-in">{t('forgot.back')}</Link>
        </p>
      </>
    );
  }

  if (stage === 'invalid') {
    return (
      <>
        <PageHeading autoFocus>{t('reset.invalid.title')}</PageHeading>
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{t('reset.invalid.body')}</p>
        </div>
        <ul className="help__list checklist">
          <li>{t('reset.invalid.used')}</li>
          <li>{t('reset.invalid.expired')}</li>
          <li>{t('reset.invalid.superseded')}</li>
        </ul>
        <p>
          <Link to="/forgot-password" className="button button--primary">
            {t('reset.newLink')}
          </Link>
        </p>
        <p className="form-footer">
          <Link to="/sign-in">{t('forgot.back')}</Link>
        </p>
      </>
    );
  }

  if (stage === 'done') {
    return (
      <>
        <PageHeading autoFocus>{t('reset.done.title')}</PageHeading>
        <div className="notice notice--success">
          <p className="notice__title">{t('reset.done.body')}</p>
        </div>
        <ul className="help__list checklist">
          <li>{t('reset.done.sessions')}</li>
          <li>{t('reset.done.reenabled')}</li>
          <li>{t('reset.done.twoFactor')}</li>
        </ul>
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
      <PageHeading>{t('reset.title')}</PageHeading>
      <p className="lead">{t('reset.intro')}</p>
      <NewPasswordForm
        token={token}
        submitLabel={t('reset.submit')}
        submittingLabel={t('reset.submitting')}
        onSubmit={async ({ password }) => {
          const outcome = readPasswordOutcome(await confirmPasswordReset(getLang(), token, password));
          if (outcome.kind === 'ok') setStage('done');
          else if (outcome.kind === 'invalid_token') setStage('invalid');
          return outcome;
        }}
      />
    </>
  );
}

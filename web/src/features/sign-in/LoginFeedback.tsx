/**
 * The sign-in page's answer to a failed or unfinished sign-in. `LoginAlert` is the short,
 * announced part (inside the page's role="alert" region); `LoginHelp` is the longer advice
 * that follows it on screen: tips after invalid credentials, ways out of a disabled account.
 */
import type { ReactNode } from 'react';
import type { WayOut } from '../../api/types.js';
import { formatWait } from '../../i18n/format.js';
import { useT } from '../../i18n/I18nProvider.js';
import { Link } from '../../router.js';
import type { LoginOutcome } from './login-outcome.js';

const FORGOT_PASSWORD = '/forgot-password';

function forgotLink(chunk: string): ReactNode {
  return <Link to={FORGOT_PASSWORD}>{chunk}</Link>;
}

function WayOutText({ way }: { way: WayOut }) {
  const { t, rich } = useT();
  switch (way) {
    case 'reset_password':
      return <>{rich('signIn.waysOut.reset_password', { link: forgotLink })}</>;
    case 'ask_user_manager':
      return <>{t('signIn.waysOut.ask_user_manager')}</>;
    case 'contact_support':
      return <>{t('signIn.waysOut.contact_support')}</>;
  }
}

export function LoginAlert({ outcome }: { outcome: LoginOutcome }) {
  const { t, lang, when } = useT();
  switch (outcome.kind) {
    case 'signed_in':
      return null;
    // Known answers come from this page's catalogue, so they follow a change of language; the
    // server's other messages keep the language they were written in, and say so to screen readers.
    case 'invalid_credentials':
      return <p className="alert__message">{t('signIn.errors.invalidCredentials')}</p>;
    case 'account_disabled':
      return (
        <p className="alert__message">
          {outcome.waysOut.includes('reset_password')
            ? t('signIn.errors.accountDisabled')
            : t('signIn.errors.accountDisabledByPerson')}
        </p>
      );
    case 'property_suspended':
    case 'server_message':
      return (
        <p className="alert__message" lang={outcome.lang}>
          {outcome.message}
        </p>
      );
    case 'rate_limited': {
      const seconds = outcome.retryAfterSeconds;
      return (
        <>
          <p className="alert__message">{t('signIn.rateLimited.generic')}</p>
          <p>
            {seconds === null
              ? t('signIn.rateLimited.retryLater')
              : t('signIn.rateLimited.retryIn', {
                  duration: formatWait(lang, seconds),
                  when: when(new Date(outcome.at + seconds * 1000)),
                })}
          </p>
        </>
      );
    }
    case 'password_expired': {
      // The sign-in form goes straight to /password-expired; this is the fallback if it could not.
      return (
        <>
          <p className="alert__message">{t('signIn.expired.title')}</p>
          <p>
            {outcome.maxAgeDays === null
              ? t('signIn.expired.bodyGeneric')
              : t('signIn.expired.bodyDays', { days: outcome.maxAgeDays })}
          </p>
          <p>
            <Link to="/password-expired">{t('signIn.expired.link')}</Link>
          </p>
        </>
      );
    }
    case 'mfa_required':
    case 'mfa_enrolment_required':
      // The form goes straight to the second step; this is the fallback if it could not.
      return <p className="alert__message">{t('signIn.mfa.title')}</p>;
    case 'cookies_blocked':
      return (
        <p className="alert__message">{t('signIn.cookies.afterSignIn', { host: window.location.host })}</p>
      );
    case 'network':
      return <p className="alert__message">{t('common.networkError')}</p>;
    case 'unexpected':
      return <p className="alert__message">{t('common.unexpectedError')}</p>;
  }
}

export function LoginHelp({ outcome }: { outcome: LoginOutcome }) {
  const { t, rich } = useT();
  if (outcome.kind === 'invalid_credentials') {
    return (
      <div className="help">
        <p className="help__title">{t('signIn.tips.title')}</p>
        <ul className="help__list">
          <li>{t('signIn.tips.typeByHand')}</li>
          <li>{t('signIn.tips.oldPassword')}</li>
          <li>{t('signIn.tips.capsLock')}</li>
          <li>{rich('signIn.tips.forgot', { link: forgotLink })}</li>
        </ul>
      </div>
    );
  }
  if (outcome.kind === 'account_disabled' && outcome.waysOut.length > 0) {
    return (
      <div className="help">
        <p className="help__title">{t('signIn.waysOut.title')}</p>
        <ul className="help__list">
          {outcome.waysOut.map((way) => (
            <li key={way}>
              <WayOutText way={way} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (outcome.kind === 'property_suspended' && outcome.billingContact) {
    const { name, email } = outcome.billingContact;
    return (
      <div className="help">
        <p className="help__title">{t('signIn.suspended.contactTitle')}</p>
        <ul className="help__list">
          <li>
            {name && email ? (
              <>
                {name} — <a href={`mailto:${email}`}>{email}</a>
              </>
            ) : email ? (
              <a href={`mailto:${email}`}>{email}</a>
            ) : (
              name
            )}
          </li>
          <li>{t('signIn.suspended.next')}</li>
        </ul>
      </div>
    );
  }
  return null;
}

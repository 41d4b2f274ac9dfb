/**
 * `/`, signed in: who you are, how long the session lasts, and sign-out. Without a valid
 * session it sends you to the sign-in page, saying why when the session expired.
 */
import { useState } from 'react';
import { logout } from '../api/endpoints.js';
import { PageHeading } from '../components/PageHeading.js';
import { SessionWatch } from '../features/session/SessionWatch.js';
import { useSignedIn } from '../features/session/use-signed-in.js';
import { formatExactDuration } from '../i18n/format.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate } from '../router.js';

export function HomePage() {
  const { t, lang, getLang, when } = useT();
  const { state, reload, onRefresh } = useSignedIn();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    setSignOutFailed(false);
    const result = await logout(getLang());
    // 401: the session had already ended, which is what the person wanted.
    if (result.kind === 'ok' || (result.kind === 'error' && result.status === 401)) {
      navigate('/sign-in?reason=signed_out', { replace: true });
      return;
    }
    setSigningOut(false);
    setSignOutFailed(true);
  }

  if (state.status === 'loading') {
    return (
      <p role="status" className="loading">
        {t('common.loading')}
      </p>
    );
  }

  if (state.status === 'failed') {
    return (
      <>
        <PageHeading>Portier</PageHeading>
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{state.message ?? t('common.networkError')}</p>
        </div>
        <button type="button" className="button" onClick={() => void reload()}>
          {t('common.retry')}
        </button>
      </>
    );
  }

  const { payload, skewMs } = state;
  const endsAt = Date.parse(payload.session.absoluteExpiresAt) - skewMs;

  return (
    <>
      <SessionWatch payload={payload} skewMs={skewMs} onRefresh={onRefresh} />
      <PageHeading>{t('home.title', { name: payload.user.name })}</PageHeading>
      <p className="lead">{t('home.account', { email: payload.user.email })}</p>
      {Number.isFinite(endsAt) && payload.session.idleTimeoutSeconds > 0 ? (
        <p className="muted">
          {t('home.sessionLimits', {
            idle: formatExactDuration(lang, payload.session.idleTimeoutSeconds),
            when: when(new Date(endsAt)),
          })}
        </p>
      ) : null}
      <nav className="home-nav" aria-label={t('home.navLabel')}>
        <ul className="home-nav__list">
          <li>
            <Link to="/account/security" className="home-nav__link">
              <span className="home-nav__title">{t('home.securityLink')}</span>
              <span className="home-nav__hint">{t('home.securityHint')}</span>
            </Link>
          </li>
        </ul>
      </nav>
      <div role="alert" className="live-slot">
        {signOutFailed ? (
          <div className="alert alert--error">
            <p className="alert__message">{t('home.signOutFailed')}</p>
          </div>
        ) : null}
      </div>
      <button type="button" className="button" onClick={signOut} aria-busy={signingOut}>
        {signingOut ? t('home.signingOut') : t('home.signOut')}
      </button>
    </>
  );
}

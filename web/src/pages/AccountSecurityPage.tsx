/**
 * `/account/security` (signed in): the password — dates, expiry, change — and the open sessions.
 * Without a session it sends the person to the sign-in page, like the home page.
 */
import { useState } from 'react';
import { PageHeading } from '../components/PageHeading.js';
import { PasswordSection } from '../features/account/PasswordSection.js';
import { SessionsSection } from '../features/account/SessionsSection.js';
import { SessionWatch } from '../features/session/SessionWatch.js';
import { useSignedIn } from '../features/session/use-signed-in.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

export function AccountSecurityPage() {
  const { t } = useT();
  const { state, reload, onRefresh } = useSignedIn();
  const [sessionsKey, setSessionsKey] = useState(0);

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
        <PageHeading>{t('security.title')}</PageHeading>
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
  return (
    <>
      <SessionWatch payload={payload} skewMs={skewMs} onRefresh={onRefresh} />
      <p className="breadcrumb">
        <Link to="/">{t('security.back')}</Link>
      </p>
      <PageHeading>{t('security.title')}</PageHeading>
      <p className="lead">{t('security.intro', { email: payload.user.email })}</p>
      <PasswordSection
        email={payload.user.email}
        skewMs={skewMs}
        onChanged={() => setSessionsKey((key) => key + 1)}
      />
      <SessionsSection skewMs={skewMs} refreshKey={sessionsKey} />
    </>
  );
}

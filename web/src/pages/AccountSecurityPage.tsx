/**
 * `/account/security` (signed in): the password — dates, expiry, change —, two-factor
 * authentication and the open sessions.
 * The app only shows it once the session is known (without one, the person goes to sign in).
 */
import { useState } from 'react';
import { PageHeading } from '../components/PageHeading.js';
import { PasswordSection } from '../features/account/PasswordSection.js';
import { SessionsSection } from '../features/account/SessionsSection.js';
import { TwoFactorSection } from '../features/account/TwoFactorSection.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

export function AccountSecurityPage() {
  const { t } = useT();
  const { payload, skewMs } = useActiveSession();
  const [sessionsKey, setSessionsKey] = useState(0);

  return (
    <>
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
      <TwoFactorSection email={payload.user.email} />
      <SessionsSection skewMs={skewMs} refreshKey={sessionsKey} />
    </>
  );
}

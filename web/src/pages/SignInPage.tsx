/** `/sign-in` (SPEC §2): why you are here, what your browser lacks, and the form. */

import { PageHeading } from '../components/PageHeading.js';
import { BrowserNotice } from '../features/sign-in/BrowserNotice.js';
import { CookieNotice } from '../features/sign-in/CookieNotice.js';
import { parseSignOutReason, SignedOutNotice } from '../features/sign-in/SignedOutNotice.js';
import { SignInForm } from '../features/sign-in/SignInForm.js';
import { useT } from '../i18n/I18nProvider.js';
import { useLocation } from '../router.js';

export function SignInPage() {
  const { t } = useT();
  const { query } = useLocation();
  const reason = parseSignOutReason(query.get('reason'));
  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p className="lead">{t('signIn.intro')}</p>
      {reason ? <SignedOutNotice reason={reason} /> : null}
      <CookieNotice />
      <BrowserNotice />
      <SignInForm />
    </>
  );
}

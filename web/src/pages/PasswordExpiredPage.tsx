/**
 * `/password-expired` (SPEC §2): the correct password was given but is older than the expiry
 * rule (90 days, PCI DSS). The sign-in page left a short-lived change token in sessionStorage;
 * a new password here signs the person in. Without a usable token the way forward is to sign in
 * again, and the sign-in page says why.
 */
import { useEffect, useState } from 'react';
import { changeExpiredPassword } from '../api/endpoints.js';
import { Notice } from '../components/Notice.js';
import { PageHeading } from '../components/PageHeading.js';
import { goToSecondStep } from '../features/mfa/challenge.js';
import { clearChangeToken, readChangeToken } from '../features/password/change-token.js';
import { NewPasswordForm } from '../features/password/NewPasswordForm.js';
import { readPasswordOutcome } from '../features/password/password-outcome.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate } from '../router.js';

export function PasswordExpiredPage() {
  const { t, getLang } = useT();
  const [stored] = useState(readChangeToken);

  useEffect(() => {
    if (stored === null) navigate('/sign-in?reason=change_missing', { replace: true });
  }, [stored]);

  if (stored === null) return null;
  const { token, maxAgeDays } = stored;

  return (
    <>
      <PageHeading>{t('expired.title')}</PageHeading>
      <Notice tone="info">
        <p>{maxAgeDays === null ? t('expired.whyGeneric') : t('expired.whyDays', { days: maxAgeDays })}</p>
        <p>{t('expired.reassure')}</p>
      </Notice>
      <p>{t('expired.window')}</p>
      <NewPasswordForm
        token={token}
        submitLabel={t('expired.submit')}
        submittingLabel={t('expired.submitting')}
        onSubmit={async ({ password }) => {
          const result = await changeExpiredPassword(getLang(), token, password);
          const outcome = readPasswordOutcome(result);
          if (outcome.kind === 'ok') {
            clearChangeToken();
            const payload = result.kind === 'ok' ? result.data : null;
            if (payload?.status === 'mfa_required' || payload?.status === 'mfa_enrolment_required') {
              goToSecondStep(payload, navigate, true);
            } else {
              navigate('/', { replace: true });
            }
          } else if (outcome.kind === 'invalid_token') {
            clearChangeToken();
            navigate('/sign-in?reason=change_expired', { replace: true });
          } else if (outcome.kind === 'signed_out') {
            // 401: the password was changed or reset meanwhile (the change link is spent with it).
            clearChangeToken();
            navigate('/sign-in?reason=password_changed', { replace: true });
          }
          return outcome;
        }}
      />
      <p className="form-footer">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}

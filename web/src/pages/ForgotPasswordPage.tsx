/** `/forgot-password`: a placeholder until the reset-by-e-mail form arrives. */
import { PageHeading } from '../components/PageHeading.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

export function ForgotPasswordPage() {
  const { t } = useT();
  return (
    <>
      <PageHeading>{t('forgot.title')}</PageHeading>
      <p>{t('forgot.body')}</p>
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}

/** Any path the app does not know. */
import { PageHeading } from '../components/PageHeading.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/sign-in">{t('notFound.link')}</Link>
      </p>
    </>
  );
}

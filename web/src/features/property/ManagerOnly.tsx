/**
 * For the user-management pages: they need a chosen property in which the person is an admin or a
 * user manager. Otherwise the page says so plainly (and where to go) instead of failing later.
 */
import type { ReactNode } from 'react';
import type { Membership } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useT } from '../../i18n/I18nProvider.js';
import { Link } from '../../router.js';
import { useActiveSession } from '../session/SessionProvider.js';

export function ManagerOnly({
  title,
  children,
}: {
  title: string;
  children: (membership: Membership) => ReactNode;
}) {
  const { t } = useT();
  const { active, isManager, memberships } = useActiveSession();

  if (!active) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <div className="notice notice--info">
          <p className="notice__title">{t('manager.noProperty')}</p>
          {memberships.length > 0 ? (
            <p>
              <Link to="/properties">{t('nav.chooseProperty')}</Link>
            </p>
          ) : (
            <p>{t('home.noProperty.body')}</p>
          )}
        </div>
      </>
    );
  }

  if (!isManager) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <div className="notice notice--info">
          <p className="notice__title">{t('manager.forbidden.title')}</p>
          <p>{t('manager.forbidden.body', { property: active.propertyName })}</p>
          <p>
            <Link to="/">{t('security.back')}</Link>
          </p>
        </div>
      </>
    );
  }

  return <>{children(active)}</>;
}

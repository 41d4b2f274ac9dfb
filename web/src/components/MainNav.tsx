/**
 * The signed-in navigation in the banner: home, the property's users and audit log (for those
 * who manage users), account security, the property being worked in (with a way to switch when
 * there are several), and sign-out. The current page is marked with aria-current.
 */
import { useState } from 'react';
import { logout } from '../api/endpoints.js';
import { useActiveSession } from '../features/session/SessionProvider.js';
import { useT } from '../i18n/I18nProvider.js';
import { Link, navigate, useLocation } from '../router.js';

type Section = 'home' | 'users' | 'audit' | 'security' | 'properties' | null;

function sectionOf(pathname: string): Section {
  if (pathname === '/') return 'home';
  if (pathname.startsWith('/property/users')) return 'users';
  if (pathname.startsWith('/property/audit')) return 'audit';
  if (pathname.startsWith('/account/')) return 'security';
  if (pathname.startsWith('/properties')) return 'properties';
  return null;
}

export function MainNav() {
  const { t, getLang } = useT();
  const { pathname } = useLocation();
  const { active, isManager, memberships, clear } = useActiveSession();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const section = sectionOf(pathname);
  const current = (name: Section) => (section === name ? ('page' as const) : undefined);

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    setSignOutFailed(false);
    const result = await logout(getLang());
    // 401: the session had already ended, which is what the person wanted.
    if (result.kind === 'ok' || (result.kind === 'error' && result.status === 401)) {
      clear();
      navigate('/sign-in?reason=signed_out', { replace: true });
      return;
    }
    setSigningOut(false);
    setSignOutFailed(true);
  }

  return (
    <nav className="mainnav" aria-label={t('nav.label')}>
      <ul className="mainnav__links">
        <li>
          <Link to="/" className="mainnav__link" aria-current={current('home')}>
            {t('nav.home')}
          </Link>
        </li>
        {isManager ? (
          <>
            <li>
              <Link to="/property/users" className="mainnav__link" aria-current={current('users')}>
                {t('nav.users')}
              </Link>
            </li>
            <li>
              <Link to="/property/audit" className="mainnav__link" aria-current={current('audit')}>
                {t('nav.audit')}
              </Link>
            </li>
          </>
        ) : null}
        <li>
          <Link to="/account/security" className="mainnav__link" aria-current={current('security')}>
            {t('nav.security')}
          </Link>
        </li>
      </ul>
      <div className="mainnav__tools">
        {active ? (
          memberships.length > 1 ? (
            <Link to="/properties" className="mainnav__property" aria-current={current('properties')}>
              <span className="mainnav__property-name">{active.propertyName}</span>
              <span className="mainnav__property-action">{t('nav.switchProperty')}</span>
            </Link>
          ) : (
            <span className="mainnav__property mainnav__property--static">
              <span className="mainnav__property-label">{t('nav.propertyLabel')}</span>
              <span className="mainnav__property-name">{active.propertyName}</span>
            </span>
          )
        ) : memberships.length > 1 ? (
          <Link to="/properties" className="mainnav__property" aria-current={current('properties')}>
            <span className="mainnav__property-action">{t('nav.chooseProperty')}</span>
          </Link>
        ) : null}
        <button
          type="button"
          className="button button--small mainnav__signout"
          onClick={() => void signOut()}
          aria-busy={signingOut}
        >
          {signingOut ? t('home.signingOut') : t('home.signOut')}
        </button>
      </div>
      <div role="alert" className="live-slot mainnav__alert">
        {signOutFailed ? (
          <div className="alert alert--error">
            <p className="alert__message">{t('home.signOutFailed')}</p>
          </div>
        ) : null}
      </div>
    </nav>
  );
}

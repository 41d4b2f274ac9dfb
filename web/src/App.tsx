/** The page for the current path, inside the common layout; signed-in pages wait for the session. */
import { type ReactNode, useEffect } from 'react';
import { Layout, type PageWidth } from './components/Layout.js';
import { MainNav } from './components/MainNav.js';
import { PageHeading } from './components/PageHeading.js';
import { ActiveSessionProvider, useSessionState } from './features/session/SessionProvider.js';
import { SessionWatch } from './features/session/SessionWatch.js';
import { useT } from './i18n/I18nProvider.js';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.js';
import { AccountSecurityPage } from './pages/AccountSecurityPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage.js';
import { DevMailboxPage } from './pages/DevMailboxPage.js';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.js';
import { HomePage } from './pages/HomePage.js';
import { InvitePage } from './pages/InvitePage.js';
import { MfaEnrolPage } from './pages/MfaEnrolPage.js';
import { MfaVerifyPage } from './pages/MfaVerifyPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PasswordExpiredPage } from './pages/PasswordExpiredPage.js';
import { PropertyPickerPage } from './pages/PropertyPickerPage.js';
import { ResetPasswordPage } from './pages/ResetPasswordPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { UserDetailPage } from './pages/UserDetailPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { useLocation } from './router.js';

interface Page {
  render: () => ReactNode;
  /** Pages with lists and tables get a wider card on tablets and desktops. */
  width?: PageWidth;
  /** Needs a session: the page waits for it and gets the navigation. */
  signedIn?: boolean;
}

const PAGES: Record<string, Page> = {
  '/': { render: () => <HomePage />, width: 'wide', signedIn: true },
  '/properties': { render: () => <PropertyPickerPage />, width: 'wide', signedIn: true },
  '/property/users': { render: () => <UsersPage />, width: 'full', signedIn: true },
  '/property/users/invite': { render: () => <InvitePage />, width: 'wide', signedIn: true },
  '/property/audit': { render: () => <AuditPage />, width: 'full', signedIn: true },
  '/account/security': { render: () => <AccountSecurityPage />, width: 'wide', signedIn: true },
  '/sign-in': { render: () => <SignInPage /> },
  '/sign-in/verify': { render: () => <MfaVerifyPage /> },
  '/sign-in/enrol': { render: () => <MfaEnrolPage />, width: 'wide' },
  '/forgot-password': { render: () => <ForgotPasswordPage /> },
  '/reset-password': { render: () => <ResetPasswordPage /> },
  '/password-expired': { render: () => <PasswordExpiredPage /> },
  '/accept-invitation': { render: () => <AcceptInvitationPage /> },
  '/confirm-email': { render: () => <ConfirmEmailPage /> },
  '/dev/mailbox': { render: () => <DevMailboxPage />, width: 'wide' },
};

const USER_DETAIL = /^\/property\/users\/([0-9a-fA-F-]{36})$/;

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function findPage(path: string): Page | undefined {
  const page = PAGES[path];
  if (page) return page;
  const userId = USER_DETAIL.exec(path)?.[1];
  if (userId) return { render: () => <UserDetailPage userId={userId} />, width: 'wide', signedIn: true };
  return undefined;
}

function SignedInRoute({ page }: { page: Page }) {
  const { t } = useT();
  const { state, reload, onRefresh } = useSessionState();

  // Each signed-in page asks again (App remounts this per path): opening a page is activity.
  useEffect(() => {
    void reload();
  }, [reload]);

  if (state.status === 'loading') {
    return (
      <Layout width={page.width}>
        <p role="status" className="loading">
          {t('common.loading')}
        </p>
      </Layout>
    );
  }

  if (state.status === 'failed') {
    return (
      <Layout width={page.width}>
        <PageHeading>Portier</PageHeading>
        <div role="alert" className="alert alert--error">
          <p className="alert__message">{state.message ?? t('common.networkError')}</p>
        </div>
        <button type="button" className="button" onClick={() => void reload({ reset: true })}>
          {t('common.retry')}
        </button>
      </Layout>
    );
  }

  return (
    <ActiveSessionProvider payload={state.payload} skewMs={state.skewMs}>
      <Layout width={page.width} nav={<MainNav />}>
        <SessionWatch payload={state.payload} skewMs={state.skewMs} onRefresh={onRefresh} />
        {page.render()}
      </Layout>
    </ActiveSessionProvider>
  );
}

export function App() {
  const { pathname } = useLocation();
  const { clear } = useSessionState();
  const path = normalise(pathname);
  const page = findPage(path);
  const signedIn = page?.signedIn === true;

  // Public pages forget the session, so the next person to sign in never sees the previous one.
  useEffect(() => {
    if (!signedIn) clear();
  }, [signedIn, clear]);

  // The key remounts the page on navigation, so each page starts from a clean state.
  if (page && signedIn) return <SignedInRoute key={path} page={page} />;
  return (
    <Layout key={path} width={page?.width}>
      {page ? page.render() : <NotFoundPage />}
    </Layout>
  );
}

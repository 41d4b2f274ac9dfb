/** The page for the current path, inside the common layout. */
import type { ReactNode } from 'react';
import { Layout } from './components/Layout.js';
import { AccountSecurityPage } from './pages/AccountSecurityPage.js';
import { DevMailboxPage } from './pages/DevMailboxPage.js';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PasswordExpiredPage } from './pages/PasswordExpiredPage.js';
import { ResetPasswordPage } from './pages/ResetPasswordPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { useLocation } from './router.js';

interface Page {
  render: () => ReactNode;
  /** Pages with lists get a wider card on tablets and desktops. */
  wide?: boolean;
}

const PAGES: Record<string, Page> = {
  '/': { render: () => <HomePage /> },
  '/sign-in': { render: () => <SignInPage /> },
  '/forgot-password': { render: () => <ForgotPasswordPage /> },
  '/reset-password': { render: () => <ResetPasswordPage /> },
  '/password-expired': { render: () => <PasswordExpiredPage /> },
  '/account/security': { render: () => <AccountSecurityPage />, wide: true },
  '/dev/mailbox': { render: () => <DevMailboxPage />, wide: true },
};

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function App() {
  const { pathname } = useLocation();
  const path = normalise(pathname);
  const page = PAGES[path];
  // The key remounts the page on navigation, so each page starts from a clean state.
  return (
    <Layout key={path} wide={page?.wide ?? false}>
      {page ? page.render() : <NotFoundPage />}
    </Layout>
  );
}

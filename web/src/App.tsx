/** The page for the current path, inside the common layout. */
import type { ReactNode } from 'react';
import { Layout } from './components/Layout.js';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { useLocation } from './router.js';

const PAGES: Record<string, () => ReactNode> = {
  '/': () => <HomePage />,
  '/sign-in': () => <SignInPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
};

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function App() {
  const { pathname } = useLocation();
  const path = normalise(pathname);
  const page = PAGES[path];
  // The key remounts the page on navigation, so each page starts from a clean state.
  return <Layout key={path}>{page ? page() : <NotFoundPage />}</Layout>;
}

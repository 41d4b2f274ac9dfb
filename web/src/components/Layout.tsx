/**
 * The page shell: a banner with the product name and the language switch (and, when signed in,
 * the main navigation), then the card. `width` gives pages with lists and tables more room on
 * tablets and desktops.
 */
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch.js';

export type PageWidth = 'narrow' | 'wide' | 'full';

export function Layout({
  children,
  width = 'narrow',
  nav,
}: {
  children: ReactNode;
  width?: PageWidth;
  nav?: ReactNode;
}) {
  return (
    <div className={`shell shell--${width}`}>
      <header className="topbar">
        <div className="topbar__row">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Portier
          </span>
          <LanguageSwitch />
        </div>
        {nav}
      </header>
      <main className={`card card--${width}`}>{children}</main>
    </div>
  );
}

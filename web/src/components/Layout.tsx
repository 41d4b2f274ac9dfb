/** The page shell: a banner with the product name and the language switch, then the centred card. */
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Portier
        </span>
        <LanguageSwitch />
      </header>
      <main className="card">{children}</main>
    </div>
  );
}

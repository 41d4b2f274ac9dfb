/**
 * The page shell: a banner with the product name and the language switch, then the centred card.
 * `wide` gives pages with lists (account security, dev mailbox) more room on tablets and desktops.
 */
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Layout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'shell shell--wide' : 'shell'}>
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Portier
        </span>
        <LanguageSwitch />
      </header>
      <main className={wide ? 'card card--wide' : 'card'}>{children}</main>
    </div>
  );
}

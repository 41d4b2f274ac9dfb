/**
 * The page's single h1. It also names the browser tab and, after an in-app navigation,
 * takes focus so that keyboard and screen-reader users start at the top of the new page.
 * `autoFocus` does the same when a page swaps one state for another (form → confirmation):
 * give each state its own heading (or a `key`) so the new one mounts and takes focus.
 */
import { useEffect, useRef } from 'react';
import { takeHeadingFocusRequest } from '../router.js';

export function PageHeading({ children, autoFocus = false }: { children: string; autoFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} · Portier`;
  }, [children]);

  useEffect(() => {
    // Always take the request, so that it does not linger for a later page.
    const requested = takeHeadingFocusRequest();
    if (requested || autoFocus) ref.current?.focus();
  }, [autoFocus]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

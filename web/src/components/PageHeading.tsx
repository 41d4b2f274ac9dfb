/**
 * The page's single h1. It also names the browser tab and, after an in-app navigation,
 * takes focus so that keyboard and screen-reader users start at the top of the new page.
 */
import { useEffect, useRef } from 'react';
import { takeHeadingFocusRequest } from '../router.js';

export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} · Portier`;
  }, [children]);

  useEffect(() => {
    if (takeHeadingFocusRequest()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

/**
 * Client-side routing on the History API: the current location as React state,
 * `navigate()` for code and `<Link>` for people. The server answers every page path with
 * index.html, so a reload lands on the same page.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useMemo, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'portier:navigate';

/** Set by `navigate()` so the next page heading takes focus (screen readers hear the new page). */
let focusHeadingOnNextPage = false;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, query: url.searchParams };
  }, [href]);
}

/**
 * `state` rides along in the history entry (a confirmation for the next page, for example);
 * read it back with `window.history.state`.
 */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  focusHeadingOnNextPage = true;
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** True once after a `navigate()`: the page heading that asks takes focus. */
export function takeHeadingFocusRequest(): boolean {
  const requested = focusHeadingOnNextPage;
  focusHeadingOnNextPage = false;
  return requested;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new-tab/new-window clicks and anything already handled.
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

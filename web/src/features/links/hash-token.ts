/**
 * Tokens of e-mailed links (invitation, e-mail confirmation) travel in the URL fragment, so the
 * browser never sends them to a server. The page reads the token once, keeps it in memory, and
 * removes it from the address bar (history, screenshots, a copied URL).
 */
import { useEffect, useState } from 'react';

/** What the server accepts as a token (base64url); anything else is a damaged link. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export function readTokenFromHash(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash === '') return null;
  const token = new URLSearchParams(hash).get('token');
  return token !== null && TOKEN_PATTERN.test(token) ? token : null;
}

/** The token of the link that opened the page (null when missing or damaged); the hash goes away. */
export function useHashToken(): string | null {
  const [token] = useState(readTokenFromHash);
  useEffect(() => {
    if (window.location.hash !== '') {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', pathname + search);
    }
  }, []);
  return token;
}

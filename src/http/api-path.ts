/**
 * Whether a request URL addresses the API, as the router will see it. The router decodes the path
 * before matching (`/%61pi/v1/session` reaches `/api/v1/session`), so a test on the raw URL alone
 * would hand such a request the page headers (no `no-store`) instead of the API's. A path that
 * cannot be decoded counts as API: it gets the strictest headers, and the router refuses it anyway.
 */
export function isApiPath(url: string): boolean {
  if (url.startsWith('/api/')) return true;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!path.includes('%')) return false;
  try {
    return decodeURIComponent(path).startsWith('/api/');
  } catch {
    return true;
  }
}

/** Names of this machine, where plain http is fine (SPEC §8: cookies are Secure outside localhost). */

/** A HOST value as a URL hostname (IPv6 literals in brackets), for isLocalHostname. */
export function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Whether a URL hostname (`localhost`, `127.0.0.1`, `[::1]`…) names this machine. */
export function isLocalHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

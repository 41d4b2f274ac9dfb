/**
 * Requests made on this machine, not through a proxy: what the pages and answers only an operator
 * or developer at the machine may see (the local mailbox, metrics without a token) are served to.
 * - a loopback peer address (127.0.0.0/8 or ::1);
 * - no forwarding header (a proxy on this machine is a loopback peer too: the headers it adds give it
 *   away; the dev server's proxy is set up to add them);
 * - a local Host (a page on another name that resolves to this machine, DNS rebinding, comes from a
 *   loopback address as well).
 */
import type { FastifyRequest } from 'fastify';
import { isLocalHostname } from '../shared/hosts.js';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

/** Whether a socket peer address is this machine (127.0.0.0/8 or ::1, IPv4-mapped or not). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function isDirectLocalRequest(request: FastifyRequest): boolean {
  return (
    FORWARDING_HEADERS.every((name) => request.headers[name] === undefined) &&
    isLoopbackAddress(request.raw.socket.remoteAddress) &&
    isLocalHostname(request.hostname)
  );
}

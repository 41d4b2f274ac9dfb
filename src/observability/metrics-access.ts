/**
 * Who may read /metrics. Its counters (sign-in outcomes, lockouts, e-mails sent) would tell an
 * outsider whether an address has an account, so it answers:
 * - while Portier is served at a local address (PORTIER_PUBLIC_URL on localhost), requests made on
 *   this machine, not through a proxy (src/http/local-request.ts);
 * - with PORTIER_METRICS_TOKEN set, requests carrying `Authorization: Bearer <that token>`, so a
 *   Prometheus server elsewhere can scrape every node.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isDirectLocalRequest } from '../http/local-request.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function createMetricsGate(token: string | undefined, servedLocally: boolean) {
  const expected = token === undefined ? undefined : digest(token);
  return (request: FastifyRequest): boolean => {
    // Served to the world (a public URL), a proxy on this machine may pass outsiders on with neither
    // forwarding headers nor their Host (nginx's defaults): only the token opens the metrics then.
    if (servedLocally && isDirectLocalRequest(request)) return true;
    const header = request.headers.authorization;
    if (!expected || typeof header !== 'string') return false;
    const match = /^Bearer +(\S+) *$/i.exec(header);
    // Digests of equal length: the comparison takes the same time whatever was sent.
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
  };
}

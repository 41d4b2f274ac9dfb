/**
 * The client's address as Fastify's `request.ip` gives it, for code that runs before Fastify (the
 * fast lanes' log lines): the socket's peer, or with PORTIER_TRUST_PROXY the first address of
 * X-Forwarded-For, read by the same library Fastify uses.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

export function clientIpOf(trustProxy: boolean): (req: IncomingMessage) => string | undefined {
  if (!trustProxy) return (req) => req.socket.remoteAddress;
  const trustAll = () => true;
  return (req) => proxyAddr.all(req, trustAll).at(-1);
}

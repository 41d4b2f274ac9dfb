/**
 * The client's address behind the proxies PORTIER_TRUST_PROXY names (see config.ts). One trust
 * function serves Fastify (`request.ip`, protocol and host) and the code that runs before Fastify
 * (the fast lanes' log lines), read by the same library Fastify uses.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../config.js';

export type TrustProxy = Config['trustProxy'];
type Trust = (address: string, hop: number) => boolean;

/** Whether to believe the hop at `address`, `hop` steps from us; `false` when no proxy is trusted. */
export function trustFunction(trustProxy: TrustProxy): Trust | false {
  if (trustProxy === false) return false;
  if (trustProxy === true) return () => true;
  if (typeof trustProxy === 'number') {
    const hops = trustProxy;
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(trustProxy);
}

export function clientIpOf(trustProxy: TrustProxy): (req: IncomingMessage) => string | undefined {
  const trust = trustFunction(trustProxy);
  if (!trust) return (req) => req.socket.remoteAddress;
  return (req) => proxyAddr(req, trust);
}

/**
 * Request ids: the caller's `X-Request-Id` when it is a plausible id, else one of ours. Ours are 64
 * random bits per process, then a counter: unique across nodes and restarts for log correlation,
 * without drawing randomness at every request (they are labels, not secrets).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type RequestIds = () => string;

export function requestIds(): RequestIds {
  const prefix = randomBytes(8).toString('hex');
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** The id of this request (Fastify's `genReqId` and the fast lanes both use it). */
export function requestIdOf(req: IncomingMessage, ids: RequestIds): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : ids();
}

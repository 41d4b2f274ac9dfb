/**
 * Rate limits: the per-IP limit on failed sign-ins (SPEC §2) slows password spraying across many
 * accounts without locking anyone out; reset requests are limited per IP and per address. Memory store on the embedded default, PostgreSQL when scaled out, Redis when
 * REDIS_URL is set — the last two are shared by every node.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Store } from '../db/database.js';

export interface Limiter {
  /**
   * Counts one event against the key and says, in the same atomic step, whether it was within the
   * limit: 0 when it was, else the milliseconds until the key may try again. One step, so parallel
   * requests cannot all pass a check before any of them is counted.
   */
  take(key: string): Promise<number>;
  /**
   * Gives back one event `take` counted (an attempt that turned out not to count, e.g. a success).
   * Never fails: if the store cannot be reached the event simply stays counted, which errs on the
   * safe side and must not turn a finished sign-in into an error.
   */
  giveBack(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The key of a client address: IPv4 as it is, IPv6 by its /64 network — one subscriber or host
 * usually holds a whole /64, so a key per address would give an attacker billions of fresh keys.
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
export function ipKey(ip: string): string {
  const address = ip.split('%')[0] ?? ip; // no zone index (fe80::1%eth0)
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address; // not an address at all (a forwarded header's junk): as given
  // The URL parser writes IPv6 canonically: lower case, zeros compressed, an IPv4 tail in hex.
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const halves = canonical.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const groups =
    halves.length > 1 ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups.map((g) => Number.parseInt(g, 16));
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.'); // IPv4-mapped: the IPv4 address
  }
  return `${[g0, g1, g2, g3].map((g) => (g ?? 0).toString(16)).join(':')}::/64`;
}

/**
 * The key as the store keeps it. PostgreSQL's column holds 255 characters and a key may be a long
 * e-mail address or a forwarded header's junk: longer keys are kept as their SHA-256.
 */
function storeKey(key: string): string {
  return key.length <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** A fixed-window counter per key, in the store that suits the deployment. */
export function createLimiter(args: {
  store: Store;
  keyPrefix: string;
  points: number;
  windowMs: number;
  redisUrl?: string;
  /** Told when the shared store (Redis) fails; the limit has then fallen back to memory. */
  onStoreError?: (error: Error) => void;
}): Limiter {
  const options = {
    points: args.points,
    duration: Math.ceil(args.windowMs / 1000),
    keyPrefix: args.keyPrefix,
  };
  let limiter: RateLimiterAbstract;
  let redis: Redis | undefined;
  if (args.redisUrl) {
    // ioredis is loaded only when REDIS_URL is set.
    const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
    redis = new RedisClient(args.redisUrl, {
      // While Redis is unreachable a command fails at once (no queue to wait in): the limit then
      // falls back to this node's memory (below) instead of failing every sign-in.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    // ioredis reconnects by itself; without a listener each failed attempt is an unhandled 'error'.
    redis.on('error', (error: Error) => args.onStoreError?.(error));
    // Redis is an optional shared store (SPEC §8): when it is down, each node keeps counting in its
    // own memory (the limit then holds per node, not across them). The lockout count, which must be
    // exact, lives in the database, not here.
    limiter = new RateLimiterRedis({
      ...options,
      storeClient: redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  } else if (args.store.dialect === 'postgres' && args.store.pgPool) {
    // The table is created by the migrations, so no DDL happens at run time.
    limiter = new RateLimiterPostgres({
      ...options,
      storeClient: args.store.pgPool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  } else {
    limiter = new RateLimiterMemory(options);
  }

  return {
    async take(key) {
      try {
        await limiter.consume(storeKey(key), 1);
        return 0;
      } catch (error) {
        // Over the limit is the expected way for consume() to reject; a store error is not.
        if (!(error instanceof RateLimiterRes)) throw error;
        return Math.max(1000, error.msBeforeNext);
      }
    },
    async giveBack(key) {
      await limiter.reward(storeKey(key), 1).catch(() => undefined);
    },
    async close() {
      redis?.disconnect();
    },
  };
}

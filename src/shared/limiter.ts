/**
 * Rate limits: the per-IP limit on failed sign-ins (SPEC §2) slows password spraying across many
 * accounts without locking anyone out; reset requests are limited per IP and per address. Memory store on the embedded default, PostgreSQL when scaled out, Redis when
 * REDIS_URL is set — the last two are shared by every node.
 */
import { createRequire } from 'node:module';
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
  /** Milliseconds until this key may try again, or 0 when it may try now. */
  blockedFor(key: string): Promise<number>;
  /** Counts one event (a failure, a request) against the key. */
  record(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A fixed-window counter per key, in the store that suits the deployment. */
export function createLimiter(args: {
  store: Store;
  keyPrefix: string;
  points: number;
  windowMs: number;
  redisUrl?: string;
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
      enableOfflineQueue: true,
      maxRetriesPerRequest: 2,
      lazyConnect: false,
    });
    limiter = new RateLimiterRedis({ ...options, storeClient: redis });
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
    async blockedFor(key) {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= args.points) return Math.max(1000, res.msBeforeNext);
      return 0;
    },
    async record(key) {
      try {
        await limiter.consume(key, 1);
      } catch (error) {
        // Over the limit is the expected way for consume() to reject; a store error is not.
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/**
 * Per-IP limit on failed sign-ins (SPEC §2): slows password spraying across many accounts without
 * locking anyone out. Memory store on the embedded default, PostgreSQL when scaled out, Redis when
 * REDIS_URL is set — the last two are shared by every node.
 */
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Store } from '../db/database.js';

export interface LoginIpLimiter {
  /** Milliseconds until this IP may try again, or 0 when it may try now. */
  blockedFor(ip: string): Promise<number>;
  recordFailure(ip: string): Promise<void>;
  close(): Promise<void>;
}

export function createLoginIpLimiter(args: {
  store: Store;
  points: number;
  windowMs: number;
  redisUrl?: string;
}): LoginIpLimiter {
  const options = { points: args.points, duration: Math.ceil(args.windowMs / 1000), keyPrefix: 'login_ip' };
  let limiter: RateLimiterAbstract;
  let redis: Redis | undefined;
  if (args.redisUrl) {
    redis = new Redis(args.redisUrl, {
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
    async blockedFor(ip) {
      const res = await limiter.get(ip);
      if (res && res.consumedPoints >= args.points) return Math.max(1000, res.msBeforeNext);
      return 0;
    },
    async recordFailure(ip) {
      try {
        await limiter.consume(ip, 1);
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

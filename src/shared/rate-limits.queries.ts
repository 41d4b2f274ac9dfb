import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/**
 * Deletes the shared limit counters (PostgreSQL store) whose window ended before `before` (epoch ms
 * on the system clock, as rate-limiter-flexible writes them): their keys hold e-mail addresses and IPs,
 * and an ended window counts nothing.
 */
export async function deleteExpiredRateLimits(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expire', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Whether an error says the store cannot serve now, rather than that our query or its data is wrong:
 * - `busy`: down, restarting, unreachable, overloaded, too slow, or its file locked by another
 *   process: it passes;
 * - `fault`: out of disk or memory, or its file cannot be read or written (permissions, hardware):
 *   it lasts until an operator acts;
 * - `conflict`: a deadlock between two transactions (a lock-order bug of ours; the loser is rolled
 *   back whole).
 * Each is answered 503 `service_unavailable` with a Retry-After, like /readyz; a fault or a conflict
 * is logged as an error, for the operator.
 */

/** Network errors of the connection to PostgreSQL (Node's `code`). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of transactions that took the same rows in opposite orders: one is rolled
 * back (so nothing of it is written), and it is our bug to fix.
 */
const PG_CONFLICT = new Set(['40P01', '40001']);

/** PostgreSQL SQLSTATEs of a server out of resources until someone acts. */
const PG_FAULT = new Set([
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
]);

/** PostgreSQL SQLSTATEs of a server that cannot serve now (class 08 is matched by prefix). */
const PG_BUSY = new Set([
  '53300', // too_many_connections
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or in recovery)
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout
  '55P03', // lock_not_available
]);

/** node-postgres's own messages for a connection it could not get or lost (they carry no code). */
const PG_CLIENT_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** SQLite result codes (better-sqlite3's `code`, extended codes included by prefix). */
const SQLITE_BUSY = ['SQLITE_BUSY', 'SQLITE_LOCKED'];
const SQLITE_FAULT = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
];

const hasPrefix = (code: string, prefixes: string[]) =>
  prefixes.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));

export type StoreUnavailability = 'busy' | 'fault' | 'conflict';

export function storeUnavailability(error: unknown): StoreUnavailability | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (PG_FAULT.has(code) || hasPrefix(code, SQLITE_FAULT)) return 'fault';
      if (PG_CONFLICT.has(code)) return 'conflict';
      if (NETWORK_CODES.has(code) || PG_BUSY.has(code) || code.startsWith('08')) return 'busy';
      if (hasPrefix(code, SQLITE_BUSY)) return 'busy';
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.startsWith(m))) return 'busy';
  }
  return null;
}

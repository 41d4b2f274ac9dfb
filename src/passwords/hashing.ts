/**
 * Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). @node-rs/argon2 runs
 * hash and verify on the libuv thread pool, never on the event loop.
 */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';
import type { Limiter } from '../shared/limiter.js';
import { signInErrors } from '../sign-in/sign-in.errors.js';

// Algorithm.Argon2id is the const enum value 2 (an ambient const enum cannot be imported here).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Longest password accepted for hashing, in UTF-8 bytes (SPEC §2). */
export const MAX_PASSWORD_BYTES = 1024;

/** Whether a password is longer than MAX_PASSWORD_BYTES (in UTF-8, not characters). */
export const exceedsPasswordBytes = (password: string) =>
  Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;

/** Refuses a password over MAX_PASSWORD_BYTES with 400 `password_too_long`, before any hashing. */
export function assertPasswordLength(password: string): void {
  if (exceedsPasswordBytes(password)) throw new AppError('password_too_long', 400);
}

/**
 * The form of a password that is hashed and compared: Unicode NFC, after the length check in bytes
 * (of what was typed and of its NFC form). "é" may arrive as one code point or as "e" and a
 * combining accent, depending on the keyboard, the device or a copy and paste: both are the same
 * password, and must sign in alike.
 */
export function normalizedPassword(password: string): string {
  assertPasswordLength(password);
  const nfc = password.normalize('NFC');
  if (nfc !== password) assertPasswordLength(nfc);
  return nfc;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** Verifies against a fixed dummy hash, so an unknown e-mail costs the same time as a known one. */
  verifyDummy(password: string): Promise<void>;
}

/** libuv's default thread pool size, used when UV_THREADPOOL_SIZE is not set. */
const LIBUV_DEFAULT_POOL = 4;
const LIBUV_MAX_POOL = 1024;

/**
 * The size of libuv's thread pool, read the way libuv reads UV_THREADPOOL_SIZE when it creates the
 * pool: `atoi` into an unsigned int (leading digits; 0 or none → 1; a negative wraps round, and it
 * and anything above 1024 → 1024); 4 when the variable is unset.
 */
export function threadPoolSize(env: Record<string, string | undefined> = process.env): number {
  const value = env.UV_THREADPOOL_SIZE;
  if (value === undefined) return LIBUV_DEFAULT_POOL;
  const parsed = Number.parseInt(value.trim(), 10);
  if (!Number.isFinite(parsed) || parsed === 0) return 1;
  if (parsed < 0) return LIBUV_MAX_POOL;
  return Math.min(parsed, LIBUV_MAX_POOL);
}

/**
 * How many hashes may be handed to libuv's thread pool at once. argon2 at 19 MiB is memory-bound:
 * more hashes *running* than cores only make every one slower and starve the event loop (session
 * checks) of CPU.
 * - A pool with no more threads than cores (what `npm start` sets up) already bounds what runs. The
 *   gate then lets as many hashes again wait in the pool's own queue, so a thread that finishes a
 *   hash starts the next one at once, instead of idling until the busy event loop has handled the
 *   finished one and handed it another. Measured under sign-in saturation on 2 cores: 3–4 % more
 *   sign-ins per second (bench/README.md).
 * - A larger pool (libuv's default 4 on 2 cores): the gate itself keeps one hash per core running.
 */
export function hashesInFlight(cores: number, poolSize: number): number {
  const c = Math.max(1, cores);
  return poolSize <= c ? 2 * Math.max(1, poolSize) : c;
}

/** Runs at most `permits` pieces of work at once; the others wait their turn, first come first served. */
export function createGate(permits: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    // A finished piece of work hands its permit straight to the first waiter, so no newcomer can
    // slip in between and make one more than `permits`.
    if (active >= permits) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

export async function createPasswordHasher(
  permits = hashesInFlight(availableParallelism(), threadPoolSize()),
): Promise<PasswordHasher> {
  const gate = createGate(Math.max(1, permits));
  // A real hash of a random value, made once: same parameters, same cost as a user's hash.
  const dummy = await hash(crypto.randomUUID(), OPTIONS);
  const check = async (hashed: string, password: string) => {
    try {
      return await gate(() => verify(hashed, password, OPTIONS));
    } catch {
      return false;
    }
  };
  return {
    hash(password) {
      const nfc = normalizedPassword(password);
      return gate(() => hash(nfc, OPTIONS));
    },
    async verify(hashed, password) {
      // Whoever asks (sign-in, re-authentication, a password change), no oversized input is hashed.
      const nfc = normalizedPassword(password);
      if (await check(hashed, nfc)) return true;
      // A password hashed as typed before hashes were of the NFC form: its own spelling still works.
      return nfc !== password && check(hashed, password);
    },
    async verifyDummy(password) {
      // The same number of hashes as `verify` on a wrong password, so timing tells nothing.
      const nfc = normalizedPassword(password);
      await check(dummy, nfc);
      if (nfc !== password) await check(dummy, password);
    },
  };
}

/** Wrong current passwords a person may type in CURRENT_PASSWORD_WINDOW_MS, signed in (then 429). */
export const CURRENT_PASSWORD_FAILURES_PER_USER = 10;
export const CURRENT_PASSWORD_WINDOW_MS = 15 * 60_000;

/**
 * Checks a signed-in person's current password (password change, re-authentication), counting each
 * try against the person first, in one atomic step (429 `rate_limited` past the limit, before any
 * hashing); a right password gives its try back. An open session is not a licence to guess.
 */
export async function checkCurrentPassword(
  limiter: Limiter,
  hasher: PasswordHasher,
  userId: string,
  hashed: string,
  password: string,
): Promise<boolean> {
  const wait = await limiter.take(userId);
  if (wait > 0) throw signInErrors.rateLimited(wait, 'rate_limited_current_password');
  const ok = await hasher.verify(hashed, password);
  if (ok) await limiter.giveBack(userId);
  return ok;
}

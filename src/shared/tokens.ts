import { hash, randomBytes, randomUUID } from 'node:crypto';

const TOKEN_BYTES = 32;
/** Tokens drawn from one call to the system's generator (the way Node's own randomUUID batches). */
const POOLED_TOKENS = 64;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A 256-bit random token, base64url (43 characters). Only its hash is ever stored.
 * Each call to the generator costs a system call and OpenSSL's fork check wherever it runs: on a
 * sign-in's cold caches that was 3 % of the event loop's work. So the bytes come from a pool filled
 * 64 tokens at a time, and each slice of it is handed out once.
 */
export function generateToken(): string {
  if (poolOffset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * POOLED_TOKENS);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + TOKEN_BYTES);
  // The slice is wiped as it is handed out: the pool never holds a token already given.
  pool.fill(0, poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

/** SHA-256 of a token, hex. Tokens carry 256 bits of entropy, so a fast hash is enough. */
export function hashToken(token: string): string {
  // The one-shot form: a quarter of the cost of a Hash object, on every session check.
  return hash('sha256', token, 'hex');
}

export function newId(): string {
  return randomUUID();
}

/** Characters from an unambiguous alphabet (no 0/O/1/l), for human-typed demo passwords. */
export function generateReadablePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

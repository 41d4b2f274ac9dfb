/**
 * Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). @node-rs/argon2 runs
 * hash and verify on the libuv thread pool, never on the event loop.
 */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is the const enum value 2 (an ambient const enum cannot be imported here).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Longest password accepted for hashing, in UTF-8 bytes (SPEC §2). */
export const MAX_PASSWORD_BYTES = 1024;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** Verifies against a fixed dummy hash, so an unknown e-mail costs the same time as a known one. */
  verifyDummy(password: string): Promise<void>;
}

/**
 * At most one hash at a time per core: argon2 at 19 MiB is memory-bound, and more concurrent hashes
 * than cores only make every one slower and starve the event loop (session checks) of CPU.
 */
function createGate(permits: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (active >= permits) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function createPasswordHasher(permits = availableParallelism()): Promise<PasswordHasher> {
  const gate = createGate(Math.max(1, permits));
  // A real hash of a random value, made once: same parameters, same cost as a user's hash.
  const dummy = await hash(crypto.randomUUID(), OPTIONS);
  return {
    hash: (password) => gate(() => hash(password, OPTIONS)),
    async verify(hashed, password) {
      try {
        return await gate(() => verify(hashed, password, OPTIONS));
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      await gate(() => verify(dummy, password, OPTIONS)).catch(() => false);
    },
  };
}

/**
 * Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). @node-rs/argon2 runs
 * hash and verify on the libuv thread pool, never on the event loop.
 */
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

export async function createPasswordHasher(): Promise<PasswordHasher> {
  // A real hash of a random value, made once: same parameters, same cost as a user's hash.
  const dummy = await hash(crypto.randomUUID(), OPTIONS);
  return {
    hash: (password) => hash(password, OPTIONS),
    async verify(hashed, password) {
      try {
        return await verify(hashed, password, OPTIONS);
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      await verify(dummy, password, OPTIONS).catch(() => false);
    },
  };
}

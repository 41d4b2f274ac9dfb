import { hash, randomBytes, randomUUID } from 'node:crypto';

/** A 256-bit random token, base64url (43 characters). Only its hash is ever stored. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
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

import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from './tokens.js';

describe('generateToken', () => {
  it('gives 256-bit base64url tokens, never the same one twice, across many refills of its pool', () => {
    const tokens = Array.from({ length: 1000 }, () => generateToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const bytes = Buffer.from(token, 'base64url');
      expect(bytes).toHaveLength(32);
      // A slice wiped before it was read would come out as zeros.
      expect(bytes.equals(Buffer.alloc(32))).toBe(false);
    }
  });

  it('spreads its bits evenly (no byte of the pool handed out twice or left zeroed)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2000; i++)
      for (const byte of Buffer.from(generateToken(), 'base64url')) counts[byte] = (counts[byte] ?? 0) + 1;
    // 64 000 bytes over 256 values: 250 each on average; a zeroed slice every pool would pile up on 0.
    expect(Math.max(...counts)).toBeLessThan(400);
    expect(Math.min(...counts)).toBeGreaterThan(150);
  });
});

describe('hashToken', () => {
  it('is the hex SHA-256 of the token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { describe, expect, it } from 'vitest';
import { containsNul } from './nul-guard.js';

describe('containsNul', () => {
  it('finds U+0000 in strings, nested values and keys', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ a: [1, { b: 'x\u0000' }] })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
  });

  it('passes everything else', () => {
    expect(containsNul(undefined)).toBe(false);
    expect(containsNul({ email: 'a@b.example', n: 3, ok: true, list: ['x', null] })).toBe(false);
    expect(containsNul('\\u0000 written out')).toBe(false);
  });
});

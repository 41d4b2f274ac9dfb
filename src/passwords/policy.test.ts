import { describe, expect, it } from 'vitest';
import { builtFromContext, checkPasswordLength, contextWords, DEFAULT_PASSWORD_POLICY } from './policy.js';

describe('password policy helpers', () => {
  const words = contextWords({
    email: 'ines.moreau@hotel-bellevue.example',
    name: 'Inès Moreau',
    productWords: ['portier'],
  });

  it.each([
    'Inès Moreau 2026',
    'Moreau-Ines-1990',
    'INESMOREAU!!',
    'portier-moreau-77',
    'Hotel-Bellevue-2026',
  ])('%s is built from the person’s or the product’s own words', (password) => {
    expect(builtFromContext(password, words)).toBe(true);
  });

  it.each(['Quartz-Meadow-Lantern-58', 'Moreau-Quartz-Lantern', '123456789012'])('%s is not', (password) => {
    expect(builtFromContext(password, words)).toBe(false);
  });

  it('counts characters, not bytes', () => {
    expect(checkPasswordLength('é'.repeat(12))).toEqual([]);
    expect(checkPasswordLength('é'.repeat(11))).toEqual(['too_short']);
    expect(checkPasswordLength('x'.repeat(129))).toEqual(['too_long']);
  });

  it('counts characters as people see them, however they are spelt', () => {
    const accentedNfd = 'é'.normalize('NFD'); // "e" and a combining accent: one character on screen
    expect(checkPasswordLength(accentedNfd.repeat(12))).toEqual([]);
    expect(checkPasswordLength(accentedNfd.repeat(6))).toEqual(['too_short']);
    const family = '👨‍👩‍👧‍👦'; // seven code points, one character
    expect(checkPasswordLength(family.repeat(2))).toEqual(['too_short']);
    expect(checkPasswordLength(family.repeat(12))).toEqual([]);
  });

  it('never allows more than sign-in takes (1024 UTF-8 bytes), even with a longer character limit', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, maxLength: 1024 };
    expect(checkPasswordLength('é'.repeat(512), policy)).toEqual([]); // 1024 bytes
    expect(checkPasswordLength('é'.repeat(513), policy)).toEqual(['too_long']); // 1026 bytes, 513 characters
  });

  it('counts the bytes of the form that is hashed (NFC) too, which can be longer than what was typed', () => {
    // U+1D160 (musical note) is 4 bytes, and 12 bytes in NFC (three code points).
    const note = '\u{1D160}';
    expect(Buffer.byteLength(note.normalize('NFC'))).toBe(12);
    const policy = { ...DEFAULT_PASSWORD_POLICY, maxLength: 128 };
    expect(checkPasswordLength(note.repeat(90), policy)).toEqual(['too_long']); // 360 bytes typed, 1080 hashed
  });
});

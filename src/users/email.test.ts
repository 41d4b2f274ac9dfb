import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it('trims, lower-cases and puts addresses in Unicode NFC', () => {
    expect(normalizeEmail('  Camille.Martin@Hotel.Example ')).toBe('camille.martin@hotel.example');
    // "é" typed as "e" and a combining accent is the same address as "é".
    expect(normalizeEmail('Jose\u0301@hotel.example')).toBe('jos\u00e9@hotel.example');
    // The Kelvin sign is a K in NFC.
    expect(normalizeEmail('\u212Aate@hotel.example')).toBe('kate@hotel.example');
  });
});

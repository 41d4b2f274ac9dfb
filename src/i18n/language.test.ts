import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './language.js';

describe('Accept-Language negotiation', () => {
  it.each([
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE,fr;q=0.5,en;q=0.4', 'fr'],
    ['de-DE', 'en'],
    ['fr;q=0, en', 'en'],
    ['fr;Q=0.5, en;q=0.9', 'en'],
    ['en; Q=0.1, fr', 'fr'],
    ['', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

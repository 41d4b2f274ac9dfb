import { describe, expect, it } from 'vitest';
import { storeUnavailability } from './store-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storeUnavailability', () => {
  it('busy: a store that is down, restarting, unreachable, overloaded, too slow or locked', () => {
    const busy = [
      'ECONNREFUSED',
      'ECONNRESET',
      '08006',
      '08001',
      '57P01',
      '57P03',
      '57014',
      '53300',
      '25P03',
    ];
    for (const code of [...busy, 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'])
      expect(storeUnavailability(withCode(code)), code).toBe('busy');
    expect(storeUnavailability(new Error('timeout exceeded when trying to connect'))).toBe('busy');
    expect(storeUnavailability(new Error('Connection terminated unexpectedly'))).toBe('busy');
    // Wrapped by whoever rethrew it.
    expect(storeUnavailability(new Error('query failed', { cause: withCode('57P01') }))).toBe('busy');
  });

  it('fault: out of disk or memory, or a file it cannot read or write, until an operator acts', () => {
    for (const code of [
      '53100',
      '53200',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_CANTOPEN',
      'SQLITE_READONLY',
      'SQLITE_CORRUPT',
    ])
      expect(storeUnavailability(withCode(code)), code).toBe('fault');
  });

  it('conflict: a deadlock between transactions (a bug of ours)', () => {
    expect(storeUnavailability(withCode('40P01'))).toBe('conflict');
    expect(storeUnavailability(withCode('40001'))).toBe('conflict');
  });

  it('not the store: a broken rule of the schema, bad SQL, a bug', () => {
    for (const code of [
      '23505',
      '23503',
      '42601',
      '42P01',
      '22021',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_ERROR',
      'ERR_X',
    ])
      expect(storeUnavailability(withCode(code)), code).toBeNull();
    expect(storeUnavailability(new TypeError('x is undefined'))).toBeNull();
    expect(storeUnavailability(undefined)).toBeNull();
    expect(storeUnavailability('ECONNREFUSED')).toBeNull();
  });
});

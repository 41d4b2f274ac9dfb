import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './store-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('a store that is down, restarting, overloaded, too slow or locked', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      '08006',
      '08001',
      '57P01',
      '57P03',
      '57014',
      '53300',
      '25P03',
    ])
      expect(isStoreUnavailable(withCode(code)), code).toBe(true);
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_LOCKED',
    ])
      expect(isStoreUnavailable(withCode(code)), code).toBe(true);
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // Wrapped by whoever rethrew it.
    expect(isStoreUnavailable(new Error('query failed', { cause: withCode('57P01') }))).toBe(true);
  });

  it('not our own faults: a broken rule of the schema, bad SQL, a bug', () => {
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
      expect(isStoreUnavailable(withCode(code)), code).toBe(false);
    expect(isStoreUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
  });
});

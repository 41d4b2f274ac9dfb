import { describe, expect, it } from 'vitest';
import { ipKey } from './limiter.js';

describe('ipKey', () => {
  it('keeps IPv4 addresses as they are, and IPv4-mapped IPv6 as IPv4', () => {
    expect(ipKey('192.0.2.7')).toBe('192.0.2.7');
    expect(ipKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('keys IPv6 by its /64, whatever the spelling', () => {
    const key = '2001:db8:0:12::/64';
    expect(ipKey('2001:db8:0:12::1')).toBe(key);
    expect(ipKey('2001:0db8:0000:0012:aaaa:bbbb:cccc:dddd')).toBe(key);
    expect(ipKey('2001:DB8:0:12:ffff::')).toBe(key);
    expect(ipKey('2001:db8::12:0:0:1')).toBe('2001:db8:0:0::/64');
    expect(ipKey('::1')).toBe('0:0:0:0::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipKey('2001:db8:0:13::1')).not.toBe(key);
  });
});

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
    // An IPv4 tail is two groups, however the address is written.
    expect(ipKey('::a:b:c:d:e:1.2.3.4')).toBe('0:a:b:c::/64');
    expect(ipKey('0:a:b:c:d:e:102:304')).toBe('0:a:b:c::/64');
  });

  it('reads IPv4-mapped addresses in every spelling as the IPv4 address', () => {
    for (const spelling of [
      '::ffff:192.0.2.7',
      '0:0:0:0:0:ffff:192.0.2.7',
      '::ffff:c000:207',
      '::FFFF:C000:0207',
    ]) {
      expect(ipKey(spelling)).toBe('192.0.2.7');
    }
  });

  it('leaves what is not an address as it is', () => {
    expect(ipKey('unknown')).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, TRUST_NONE, type TrustProxy } from '../../src/http/client-address';

const trust = (raw: string): TrustProxy => {
  const parsed = parseTrustProxy(raw);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
};

describe('DESKGATE_TRUST_PROXY and the client address', () => {
  it('trusts none by default: the peer is the client, X-Forwarded-For is ignored', () => {
    expect(parseTrustProxy(undefined)).toBe(TRUST_NONE);
    expect(parseTrustProxy(' ')).toBe(TRUST_NONE);
    expect(clientAddress('127.0.0.1', '203.0.113.7', TRUST_NONE)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:198.51.100.4', '203.0.113.7', TRUST_NONE)).toBe('198.51.100.4');
    expect(clientAddress(undefined, '203.0.113.7', TRUST_NONE)).toBe('unknown');
  });

  it('reads loopback, addresses and CIDR blocks of both families, IPv4-mapped peers included', () => {
    const t = trust('loopback, 10.1.2.3, 192.168.0.0/16, fd00::/8');
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.44.1', 'fd12::1'].every((a) => t.trusts(a, 0))).toBe(true);
    expect(['10.1.2.4', '192.169.0.1', 'fe80::1', '2001:db8::1', 'not-an-ip'].some((a) => t.trusts(a, 0))).toBe(false);
  });

  it('takes a number of proxy hops, whatever their addresses (a container network, a cluster ingress)', () => {
    expect(parseTrustProxy('0')).toBe(TRUST_NONE);
    const one = trust('1');
    expect(clientAddress('172.18.0.5', '198.51.100.1, 203.0.113.7', one)).toBe('203.0.113.7');
    expect(clientAddress('172.18.0.5', undefined, one)).toBe('172.18.0.5');
    expect(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7, 10.0.0.9', trust('2'))).toBe('203.0.113.7');
    expect(parseTrustProxy('1, loopback')).toEqual({ problem: expect.stringContaining('"1"') });
  });

  it('names what it cannot read', () => {
    expect(parseTrustProxy('loopback, proxy.example, 10.0.0.0/33, 1.2.3.4/8/1')).toEqual({
      problem: expect.stringContaining('"proxy.example", "10.0.0.0/33", "1.2.3.4/8/1"'),
    });
  });

  it('walks X-Forwarded-For right to left, skipping trusted hops; the client cannot write past them', () => {
    const t = trust('loopback, 10.0.0.0/8');
    expect(clientAddress('127.0.0.1', '203.0.113.7', t)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.0.0.5', t)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', ['198.51.100.1', '203.0.113.7'], t)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '[2001:db8::1]', t)).toBe('2001:db8::1');
    // Every hop trusted: the leftmost one is as far as anyone knows.
    expect(clientAddress('127.0.0.1', '10.0.0.9, 10.0.0.5', t)).toBe('10.0.0.9');
    // A hop that is not an address ends the walk at the proxy that passed it on.
    expect(clientAddress('127.0.0.1', '203.0.113.7, garbage, 10.0.0.5', t)).toBe('10.0.0.5');
    expect(clientAddress('127.0.0.1', '', t)).toBe('127.0.0.1');
    // An untrusted peer's header is never read.
    expect(clientAddress('198.51.100.9', '203.0.113.7', t)).toBe('198.51.100.9');
  });
});

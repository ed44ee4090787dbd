import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, isHttps } from '@/lib/auth/csrf';
import { clientAddress, forwardedHeader, stampPeer } from '@/lib/auth/proxies';

// Read once, on first use: this file's server sits behind a local proxy and a private load balancer.
process.env.TRUSTED_PROXIES = '127.0.0.1, 10.0.0.0/8';
delete process.env.PUBLIC_URL;

const from = (peer: string, forwarded: Record<string, string> = {}) =>
  new Headers({ 'x-hearth-peer-address': peer, host: 'inbox.example', ...forwarded });

describe('TRUSTED_PROXIES', () => {
  it('takes the client from X-Forwarded-For only through a listed proxy, skipping listed hops', () => {
    expect(clientAddress(from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toBe(
      '203.0.113.9',
    );
    // The left entries are the client's own word; the nearest untrusted hop is the client.
    expect(
      clientAddress(
        from('::ffff:10.1.2.3', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.7' }),
      ),
    ).toBe('203.0.113.9');
    expect(clientAddress(from('198.51.100.7', { 'x-forwarded-for': '10.0.0.1' }))).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(from('::1', { 'x-forwarded-for': '10.0.0.1' }))).toBe('::1');
  });

  it('believes X-Forwarded-Proto and -Host only through a listed proxy', () => {
    const claims = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
    expect(isHttps(from('127.0.0.1', claims))).toBe(true);
    expect(isHttps(from('198.51.100.7', claims))).toBe(false);
    expect(forwardedHeader(from('198.51.100.7', claims), 'x-forwarded-host')).toBeNull();
    // A stranger's X-Forwarded-Host cannot make its Origin look like ours.
    expect(() =>
      checkRequestOrigin(from('198.51.100.7', { ...claims, origin: 'http://evil.example' })),
    ).toThrow('Cross-site');
    expect(() =>
      checkRequestOrigin(from('127.0.0.1', { ...claims, origin: 'http://evil.example' })),
    ).not.toThrow();
  });

  it('strips a stranger’s X-Forwarded-* before Next.js sees the request', () => {
    const stranger: Record<string, string | undefined> = {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '10.0.0.1',
      'x-hearth-peer-address': '10.9.9.9',
    };
    stampPeer(stranger, '198.51.100.7');
    expect(stranger).toEqual({ 'x-hearth-peer-address': '198.51.100.7' });
    const proxied: Record<string, string | undefined> = { 'x-forwarded-proto': 'https' };
    stampPeer(proxied, '127.0.0.1');
    expect(proxied['x-forwarded-proto']).toBe('https');
  });
});

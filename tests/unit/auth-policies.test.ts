import { describe, expect, it } from 'vitest';
import { waitMessage } from '@/lib/auth/actions/sign-in';
import { clientAddress } from '@/lib/auth/proxies';
import { checkCsrfToken, checkRequestOrigin } from '@/lib/auth/csrf';
import { safeReturnPath } from '@/lib/auth/return-path';

describe('sign-in wait', () => {
  it('says how long to wait, in seconds or whole minutes', () => {
    expect(waitMessage(1)).toBe('Too many failed sign-ins from here; try again in 1 second');
    expect(waitMessage(42_100)).toMatch(/in 43 seconds$/);
    expect(waitMessage(60_000)).toMatch(/in 1 minute$/);
    expect(waitMessage(14 * 60_000 + 1)).toMatch(/in 15 minutes$/);
  });
});

describe('return path after sign-in', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(safeReturnPath('/inbox?view=mine')).toBe('/inbox?view=mine');
    expect(safeReturnPath('//evil.example/x')).toBe('/inbox');
    expect(safeReturnPath('https://evil.example')).toBe('/inbox');
    expect(safeReturnPath('/\\evil.example')).toBe('/inbox');
    expect(safeReturnPath(null)).toBe('/inbox');
  });
});

describe('origin check', () => {
  const headers = (entries: Record<string, string>) =>
    new Headers({ host: 'inbox.example:3000', ...entries });

  it('accepts same-origin and header-less requests', () => {
    expect(() =>
      checkRequestOrigin(headers({ origin: 'http://inbox.example:3000' })),
    ).not.toThrow();
    expect(() => checkRequestOrigin(headers({ 'sec-fetch-site': 'same-origin' }))).not.toThrow();
    expect(() => checkRequestOrigin(headers({}))).not.toThrow();
  });

  it('refuses other origins, opaque origins and cross-site fetches', () => {
    expect(() => checkRequestOrigin(headers({ origin: 'http://evil.example' }))).toThrow(
      /Cross-site/,
    );
    expect(() => checkRequestOrigin(headers({ origin: 'http://inbox.example:3001' }))).toThrow(
      /Cross-site/,
    );
    expect(() => checkRequestOrigin(headers({ origin: 'null' }))).toThrow(/Cross-site/);
    expect(() => checkRequestOrigin(headers({ 'sec-fetch-site': 'cross-site' }))).toThrow(
      /Cross-site/,
    );
    expect(() => checkRequestOrigin(headers({ 'sec-fetch-site': 'same-site' }))).toThrow(
      /Cross-site/,
    );
  });
});

describe('CSRF token', () => {
  it('matches only the exact token', () => {
    expect(() => checkCsrfToken('abc123', 'abc123')).not.toThrow();
    expect(() => checkCsrfToken('abc123', 'abc124')).toThrow();
    expect(() => checkCsrfToken('abc123', undefined)).toThrow();
    expect(() => checkCsrfToken('abc123', '')).toThrow();
  });
});

describe('client address for rate limits', () => {
  it('ignores X-Forwarded-For from everyone, loopback included, while TRUSTED_PROXIES is unset', () => {
    const viaLoopback = new Headers({
      'x-hearth-peer-address': '127.0.0.1',
      'x-forwarded-for': '1.1.1.1, 203.0.113.9',
    });
    expect(clientAddress(viaLoopback)).toBe('127.0.0.1');
    const spoofed = new Headers({
      'x-hearth-peer-address': '198.51.100.7',
      'x-forwarded-for': '10.0.0.1',
    });
    expect(clientAddress(spoofed)).toBe('198.51.100.7');
  });
});

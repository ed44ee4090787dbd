import { describe, expect, it } from 'vitest';
import { identityHash, isVerifiedIdentity } from '@/lib/auth/identity';
import {
  readVisitorTokenClaims,
  signVisitorToken,
  verifyVisitorToken,
  VISITOR_TOKEN_TTL_MS,
} from '@/lib/auth/visitor-token';

describe('visitor tokens', () => {
  const claims = { siteId: 'site1', visitorId: 'visitor1' };

  it('verify with the secret that signed them, and say who they are for', () => {
    const token = signVisitorToken('secret-a', claims, 1_000);
    expect(verifyVisitorToken('secret-a', token, 2_000)).toEqual({ ...claims, issuedAt: 1_000 });
    expect(readVisitorTokenClaims(token)?.visitorId).toBe('visitor1');
  });

  it('fail once the site rotates its secret, when tampered with, or when too old', () => {
    const token = signVisitorToken('secret-a', claims, 1_000);
    expect(verifyVisitorToken('secret-b', token, 2_000)).toBeNull();
    const [payload, mac] = token.split('.');
    const otherVisitor = Buffer.from(
      JSON.stringify({ s: 'site1', v: 'visitor2', i: 1_000 }),
    ).toString('base64url');
    expect(verifyVisitorToken('secret-a', `${otherVisitor}.${mac}`, 2_000)).toBeNull();
    expect(verifyVisitorToken('secret-a', `${payload}.${mac.slice(0, -1)}`, 2_000)).toBeNull();
    expect(verifyVisitorToken('secret-a', `${payload}.${mac}.extra`, 2_000)).toBeNull();
    expect(verifyVisitorToken('secret-a', token, 1_000 + VISITOR_TOKEN_TTL_MS + 1)).toBeNull();
    for (const junk of [
      '',
      '.',
      'abc',
      '%%%.%%%',
      `${Buffer.from('[]').toString('base64url')}.x`,
    ]) {
      expect(verifyVisitorToken('secret-a', junk)).toBeNull();
    }
  });
});

describe('identity verification', () => {
  it('accepts the HMAC-SHA256 of the user id with the site secret, and nothing else', () => {
    const hash = identityHash('site-secret', 'user-42');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isVerifiedIdentity('site-secret', 'user-42', hash)).toBe(true);
    expect(isVerifiedIdentity('site-secret', 'user-42', hash.toUpperCase())).toBe(true);
    expect(isVerifiedIdentity('site-secret', 'user-43', hash)).toBe(false);
    expect(isVerifiedIdentity('other-secret', 'user-42', hash)).toBe(false);
    expect(isVerifiedIdentity('site-secret', 'user-42', undefined)).toBe(false);
    expect(isVerifiedIdentity('site-secret', 'user-42', hash.slice(0, 62))).toBe(false);
    expect(isVerifiedIdentity('site-secret', 'user-42', 'zz'.repeat(32))).toBe(false);
  });
});

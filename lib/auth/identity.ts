import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hash a site's backend computes for `Hearth.identify({ id, hash })`:
 * hex HMAC-SHA256 of the user id with the site's identity secret.
 */
export function identityHash(identitySecret: string, userId: string): string {
  return createHmac('sha256', identitySecret).update(userId).digest('hex');
}

/** Whether `hash` proves that the site's backend vouched for `userId`. Compared in constant time. */
export function isVerifiedIdentity(
  identitySecret: string,
  userId: string,
  hash: string | undefined,
): boolean {
  if (!hash) return false;
  const expected = Buffer.from(identityHash(identitySecret, userId), 'hex');
  const given = Buffer.from(hash, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

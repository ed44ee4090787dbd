import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Tokens live in the visitor's browser; past this age the visitor starts afresh. */
export const VISITOR_TOKEN_TTL_MS = 180 * 24 * 60 * 60 * 1000;

const PayloadSchema = z.object({
  /** Site id. */
  s: z.string().min(1),
  /** Visitor id. */
  v: z.string().min(1),
  /** Issued at, ms since epoch. */
  i: z.number().int(),
});

export interface VisitorTokenClaims {
  siteId: string;
  visitorId: string;
  issuedAt: number;
}

/**
 * `base64url(payload).base64url(HMAC-SHA256(payload))`, signed with the site's visitorTokenSecret,
 * so rotating that secret signs every visitor of the site out.
 */
export function signVisitorToken(
  secret: string,
  claims: { siteId: string; visitorId: string },
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({ s: claims.siteId, v: claims.visitorId, i: now }),
  ).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** Reads the claims without checking the signature: only to find which site's secret to check with. */
export function readVisitorTokenClaims(token: string): VisitorTokenClaims | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  try {
    const parsed = PayloadSchema.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString()),
    );
    if (!parsed.success) return null;
    return { siteId: parsed.data.s, visitorId: parsed.data.v, issuedAt: parsed.data.i };
  } catch {
    return null;
  }
}

/** The claims when the token is well formed, signed with `secret` and not expired; else null. */
export function verifyVisitorToken(
  secret: string,
  token: string,
  now = Date.now(),
): VisitorTokenClaims | null {
  const claims = readVisitorTokenClaims(token);
  if (!claims) return null;
  const [payload, mac] = token.split('.');
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (claims.issuedAt > now + 60_000 || now - claims.issuedAt > VISITOR_TOKEN_TTL_MS) return null;
  return claims;
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

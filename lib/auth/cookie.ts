import { isHttps } from './csrf';

/** Session cookie: script-proof, not sent on cross-site subrequests, Secure whenever we are on https. */
export function sessionCookieOptions(headers: Headers, expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isHttps(headers),
    path: '/',
    expires: expiresAt,
  };
}

/** Header server.ts sets from the TCP peer, overwriting anything a client sent under that name. */
export const PEER_ADDRESS_HEADER = 'x-hearth-peer-address';

/**
 * The browser's IP for rate limits. A reverse proxy on this machine (a loopback peer) is trusted to
 * append the real client to X-Forwarded-For; anyone else's X-Forwarded-For is ignored.
 */
export function clientAddress(headers: Headers): string {
  const peer = headers.get(PEER_ADDRESS_HEADER) || 'unknown';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer === '::ffff:127.0.0.1';
  const forwarded = headers.get('x-forwarded-for');
  if (loopback && forwarded) return forwarded.split(',').at(-1)!.trim() || peer;
  return peer;
}

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

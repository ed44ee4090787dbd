import { timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { ActionError } from './errors';
import { isOwnOrigin } from './own-hosts';
import { forwardedHeader } from './proxies';

export { CSRF_FIELD, CSRF_HEADER } from '@/lib/schemas/auth';

/**
 * Refuses a state-changing request that a browser sent from another origin. Browsers always send
 * Origin (and Sec-Fetch-Site) on cross-origin POSTs; clients without them hold no ambient cookie to abuse.
 */
export function checkRequestOrigin(headers: Headers): void {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new ActionError('csrf', 'Cross-site request refused');
  }
  const origin = headers.get('origin');
  if (origin === null) return;
  const host = forwardedHeader(headers, 'x-forwarded-host') ?? headers.get('host');
  if (!isOwnOrigin(origin, host)) {
    throw new ActionError('csrf', 'Cross-site request refused');
  }
}

/** Compares the session's CSRF token with the one the form or fetch sent, in constant time. */
export function checkCsrfToken(expected: string, given: unknown): void {
  const a = Buffer.from(expected);
  const b = Buffer.from(typeof given === 'string' ? given : '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ActionError('csrf', 'This form has expired; reload the page and try again');
  }
}

/** Whether the browser reached us over https (directly, or through a trusted proxy that says so). */
export function isHttps(headers: Headers): boolean {
  const forwarded = forwardedHeader(headers, 'x-forwarded-proto');
  if (forwarded) return forwarded === 'https';
  return config().PUBLIC_URL?.startsWith('https:') ?? false;
}

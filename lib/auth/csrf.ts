import { timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { ActionError } from './errors';

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
  if (!ownOrigins(headers).has(originHost(origin) ?? '')) {
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

/** Hosts this server answers on: the one the browser addressed, and the configured PUBLIC_URL. */
function ownOrigins(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (host) hosts.add(host.split(',')[0].trim().toLowerCase());
  const publicUrl = config().PUBLIC_URL;
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether the browser reached us over https (directly, or through a proxy that says so). */
export function isHttps(headers: Headers): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0].trim();
  if (forwarded) return forwarded === 'https';
  return config().PUBLIC_URL?.startsWith('https:') ?? false;
}

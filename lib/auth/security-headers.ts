import { config } from '@/lib/config';
import { isHttps } from './csrf';

/**
 * Headers every page and route answers with; nobody may frame them.
 *
 * Scripts allow 'unsafe-inline' because Next.js bootstraps each page with inline scripts (nonces
 * would make every page dynamic); React escapes what it renders, and the rest of the policy still
 * keeps out foreign scripts, frames, plugins, form targets and <base> rewrites.
 */
export function securityHeaders(requestHeaders: Headers): Record<string, string> {
  const development = config().NODE_ENV === 'development';
  const policy = [
    "frame-ancestors 'none'",
    "default-src 'self'",
    // React's development build evaluates code; production never does.
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // A site's widget avatar may live on any web host.
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    // Socket.io is same-origin; development's hot reload uses a websocket too.
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-frame-options': 'DENY',
    ...commonHeaders(requestHeaders),
  };
}

/**
 * The chat iframe (/embed/SITE_KEY): framed by the site's allowed origins only, and stricter than
 * the pages: it is our own bundle and stylesheet, so no inline script or style at all.
 */
export function chatFrameHeaders(
  requestHeaders: Headers,
  frameAncestors: string[],
): Record<string, string> {
  const policy = [
    `frame-ancestors ${frameAncestors.join(' ')}`,
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Avatars and images in the bot's answers may live on any web host.
    "img-src 'self' data: https: http:",
    // Socket.io (polling and websocket) is same-origin.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return { 'content-security-policy': policy, ...commonHeaders(requestHeaders) };
}

function commonHeaders(requestHeaders: Headers): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // Only where the browser really came over https: HSTS on plain http would be ignored at best.
    ...(isHttps(requestHeaders) ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

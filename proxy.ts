// Runs before matching requests (Next.js 16 Proxy, Node.js runtime).
import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from '@/lib/auth/security-headers';
import { findSiteByKey, normalizeOrigin } from '@/lib/conversations';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const response = NextResponse.next();
  const [, section, key] = request.nextUrl.pathname.split('/');
  const embed = section === 'embed';
  // The chat iframe may be framed by this server's pages and the site's allowed origins only.
  const ancestors = embed ? ["'self'", ...(await siteOrigins(safeDecode(key ?? '')))] : [];
  for (const [name, value] of Object.entries(securityHeaders(request.headers, ancestors))) {
    response.headers.set(name, value);
  }
  if (embed) response.headers.set('cache-control', 'no-store');
  return response;
}

// Every page. Not Next's own hashed assets, and not /api: Next buffers (up to 10 MB) the body of every
// request a proxy sees, before the routes' own smaller limits could refuse it (next.config.js covers /api).
export const config = { matcher: ['/((?!_next/static|_next/image|api/).*)'] };

async function siteOrigins(siteKey: string): Promise<string[]> {
  const site = siteKey ? await findSiteByKey(siteKey) : null;
  return (site?.allowedOrigins ?? []).map(normalizeOrigin).filter((origin) => origin !== null);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

// Runs before matching requests (Next.js 16 Proxy, Node.js runtime).
import { NextResponse, type NextRequest } from 'next/server';
import { findSiteByKey, normalizeOrigin } from '@/lib/conversations';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const response = NextResponse.next();
  const siteKey = safeDecode(request.nextUrl.pathname.split('/')[2] ?? '');
  const site = siteKey ? await findSiteByKey(siteKey) : null;
  // The chat iframe may be framed by this server's pages and the site's allowed origins only.
  const ancestors = (site?.allowedOrigins ?? [])
    .map(normalizeOrigin)
    .filter((origin) => origin !== null);
  response.headers.set(
    'content-security-policy',
    `frame-ancestors 'self' ${ancestors.join(' ')}`.trim(),
  );
  response.headers.set('cache-control', 'no-store');
  return response;
}

export const config = { matcher: ['/embed/:siteKey*'] };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

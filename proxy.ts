// Runs before matching requests (Next.js 16 Proxy, Node.js runtime).
import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from '@/lib/auth/security-headers';

export function proxy(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders(request.headers))) {
    response.headers.set(name, value);
  }
  return response;
}

// Every page. Not Next's own hashed assets, not the chat iframe (app/embed sends its own, stricter
// headers), and not /api: Next buffers (up to 10 MB) the body of every request a proxy sees, before
// the routes' own smaller limits could refuse it (next.config.js covers /api).
export const config = { matcher: ['/((?!_next/static|_next/image|api/|embed/).*)'] };

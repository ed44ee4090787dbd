import { NextResponse } from 'next/server';
import { z } from 'zod';
import { BODY_LIMITS, clientAddress, errorResponse, ownHosts, readBody } from '@/lib/auth';
import { countVisitorUnread } from '@/lib/conversations';

export const dynamic = 'force-dynamic';

/**
 * The loader's question before it loads the chat: has this visitor unread replies? Sent as
 * text/plain from the host page (no CORS preflight); the answer is readable by allowed origins only.
 */
export async function POST(request: Request): Promise<Response> {
  const origin = request.headers.get('origin');
  const headers = {
    'cache-control': 'no-store',
    vary: 'Origin',
    ...(origin ? { 'access-control-allow-origin': origin } : {}),
  };
  try {
    const body = await readBody(request, z.unknown(), BODY_LIMITS.widget);
    const result = await countVisitorUnread(body, {
      ownHosts: ownHosts(request.headers.get('host')),
      origin,
      ip: clientAddress(request.headers),
    });
    return NextResponse.json(result, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

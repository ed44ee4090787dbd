import { NextResponse } from 'next/server';
import { z } from 'zod';
import { BODY_LIMITS, clientAddress, errorResponse, ownHosts, readBody } from '@/lib/auth';
import { startVisitorSession } from '@/lib/conversations';
import { limitVisitorSession } from '@/lib/realtime';

export const dynamic = 'force-dynamic';

/** The embed iframe trades its stored visitor token (or none) for a fresh one. */
export async function POST(request: Request): Promise<Response> {
  try {
    await limitVisitorSession(clientAddress(request.headers));
    const body = await readBody(request, z.unknown(), BODY_LIMITS.widget);
    const session = await startVisitorSession(body, {
      ownHosts: ownHosts(request.headers.get('host')),
      origin: request.headers.get('origin'),
      browser: request.headers.get('user-agent'),
    });
    return NextResponse.json(session, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { modelStatus } from '@/lib/ai';
import { memberFromRequest } from '@/lib/auth';
import { db } from '@/lib/db';
import { realtimeStatus } from '@/lib/realtime';

export const dynamic = 'force-dynamic';

/** Anyone (a load balancer) learns whether the server is up; only a signed-in admin sees why. */
export async function GET(request: Request): Promise<Response> {
  const database = await checkDatabase();
  const status = database.ok ? 'ok' : 'unavailable';
  const code = database.ok ? 200 : 503;
  const admin = await memberFromRequest(request, { role: 'admin' }).catch(() => null);
  if (!admin) return Response.json({ status }, { status: code });
  const body = {
    status,
    database,
    realtime: realtimeStatus(),
    // A model that is off is not a failure: the bot falls back, and each entry says how to turn it on.
    models: modelStatus(),
  };
  return Response.json(body, { status: code });
}

async function checkDatabase(): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([
      db().$queryRaw`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2s')), 2_000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

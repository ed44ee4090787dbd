import { modelStatus } from '@/lib/ai';
import { db } from '@/lib/db';
import { realtimeStatus } from '@/lib/realtime';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const database = await checkDatabase();
  const body = {
    status: database.ok ? 'ok' : 'unavailable',
    database,
    realtime: realtimeStatus(),
    // A model that is off is not a failure: the bot falls back, and each entry says how to turn it on.
    models: modelStatus(),
  };
  return Response.json(body, { status: database.ok ? 200 : 503 });
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

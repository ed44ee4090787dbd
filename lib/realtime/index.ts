import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

export interface Realtime {
  close(): Promise<void>;
}

const globalForRealtime = globalThis as unknown as { hearthRealtime?: { io: Server; redis: boolean } };

/** Attaches socket.io to the app's HTTP server. */
export async function attachRealtime(httpServer: HttpServer): Promise<Realtime> {
  const io = new Server(httpServer, { serveClient: false });
  globalForRealtime.hearthRealtime = { io, redis: false };
  return {
    close: () =>
      new Promise((resolve) => {
        io.close(() => resolve());
      }),
  };
}

export function realtimeStatus(): { ok: boolean; connections: number; redis: boolean } {
  const realtime = globalForRealtime.hearthRealtime;
  if (!realtime) return { ok: false, connections: 0, redis: false };
  return { ok: true, connections: realtime.io.engine.clientsCount, redis: realtime.redis };
}

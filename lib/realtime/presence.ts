import type { AgentPresence } from '@/lib/schemas/events';
import { deploymentName } from '@/lib/db/url';
import type { RedisClient } from './redis';

/** Which agents have the inbox open, by socket, so one agent on two nodes counts once. */
export interface PresenceStore {
  set(workspaceId: string, socketId: string, agent: AgentPresence): Promise<void>;
  remove(workspaceId: string, socketId: string): Promise<void>;
  list(workspaceId: string): Promise<AgentPresence[]>;
  close(): Promise<void>;
}

export function agentsOnline(agents: AgentPresence[]): boolean {
  return agents.some((agent) => agent.status === 'online');
}

/** Per user: online when any of their sockets is online. */
function byUser(entries: Iterable<AgentPresence>): AgentPresence[] {
  const users = new Map<string, AgentPresence>();
  for (const entry of entries) {
    const known = users.get(entry.userId);
    if (!known || (known.status === 'away' && entry.status === 'online'))
      users.set(entry.userId, entry);
  }
  return [...users.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function memoryPresence(): PresenceStore {
  const workspaces = new Map<string, Map<string, AgentPresence>>();
  return {
    async set(workspaceId, socketId, agent) {
      const sockets = workspaces.get(workspaceId) ?? new Map<string, AgentPresence>();
      workspaces.set(workspaceId, sockets.set(socketId, agent));
    },
    async remove(workspaceId, socketId) {
      const sockets = workspaces.get(workspaceId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) workspaces.delete(workspaceId);
    },
    async list(workspaceId) {
      return byUser(workspaces.get(workspaceId)?.values() ?? []);
    },
    async close() {},
  };
}

// A node that dies without saying goodbye stops refreshing; its agents vanish after this long.
const ENTRY_TTL_MS = 60_000;
const REFRESH_MS = 20_000;

/** Shared between nodes: a Redis hash per workspace, socket id → presence with an expiry. */
export function redisPresence(redis: RedisClient): PresenceStore {
  const local = new Map<string, { workspaceId: string; agent: AgentPresence }>();
  const prefix = `${deploymentName()}:presence`;
  const key = (workspaceId: string) => `${prefix}:${workspaceId}`;
  const write = (workspaceId: string, socketId: string, agent: AgentPresence) =>
    redis.hSet(
      key(workspaceId),
      socketId,
      JSON.stringify({ ...agent, expiresAt: Date.now() + ENTRY_TTL_MS }),
    );
  const refresh = setInterval(() => {
    for (const [socketId, { workspaceId, agent }] of local) {
      write(workspaceId, socketId, agent).catch((error: Error) =>
        console.error(`presence: refresh failed: ${error.message}`),
      );
    }
  }, REFRESH_MS);
  refresh.unref();
  return {
    async set(workspaceId, socketId, agent) {
      local.set(socketId, { workspaceId, agent });
      await write(workspaceId, socketId, agent);
    },
    async remove(workspaceId, socketId) {
      local.delete(socketId);
      await redis.hDel(key(workspaceId), socketId);
    },
    async list(workspaceId) {
      const now = Date.now();
      const entries = Object.entries(await redis.hGetAll(key(workspaceId)));
      const live: AgentPresence[] = [];
      const expired: string[] = [];
      for (const [socketId, value] of entries) {
        const entry = JSON.parse(value) as AgentPresence & { expiresAt: number };
        if (entry.expiresAt > now)
          live.push({ userId: entry.userId, name: entry.name, status: entry.status });
        else expired.push(socketId);
      }
      if (expired.length) await redis.hDel(key(workspaceId), expired);
      return byUser(live);
    },
    async close() {
      clearInterval(refresh);
      await Promise.allSettled(
        [...local].map(([socketId, { workspaceId }]) => redis.hDel(key(workspaceId), socketId)),
      );
      local.clear();
    },
  };
}

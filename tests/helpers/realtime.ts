/**
 * Real-time engine in the test process, on a bare HTTP server (no Next.js), plus socket clients.
 *
 *   const database = await createTestDatabase();
 *   const realtime = await startRealtime();                 // lib/realtime on a free port
 *   const workspace = await createFixtureWorkspace();       // tests/helpers/workspace-fixtures
 *   const visitor = await connectVisitor(realtime.url, await visitorToken(workspace.siteId));
 *   const agent = await connectAgent(realtime.url, workspace.admin.token);
 *   const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body: 'hi' });
 *   await realtime.close();
 *
 * `startRealtime({ replyToVisitor })` plugs in a bot; by default lib/bot answers.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { attachRealtime, type RealtimeOptions } from '@/lib/realtime';
import { db } from '@/lib/db';
import { signVisitorToken } from '@/lib/auth/visitor-token';
import { SESSION_COOKIE } from '@/lib/auth/session';
import type {
  AgentNotices,
  AgentRequests,
  RequestEvents,
  VisitorNotices,
  VisitorRequests,
} from '@/lib/schemas/events';
import type { ConnectionStorage } from '@/components/widget/visitor-connection';

export type VisitorClient = Socket<VisitorNotices, RequestEvents<VisitorRequests>>;
export type AgentClient = Socket<AgentNotices, RequestEvents<AgentRequests>>;

export async function startRealtime(
  options: RealtimeOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(404).end());
  const realtime = await attachRealtime(server, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await realtime.close();
      server.closeAllConnections();
    },
  };
}

/** A new visitor of the site and its signed token. */
export async function visitorToken(siteId: string): Promise<{ token: string; visitorId: string }> {
  const site = await db().site.findUniqueOrThrow({ where: { id: siteId } });
  const visitor = await db().visitor.create({ data: { siteId } });
  return {
    token: signVisitorToken(site.visitorTokenSecret, { siteId, visitorId: visitor.id }),
    visitorId: visitor.id,
  };
}

export function connectVisitor(
  url: string,
  credentials: { token: string },
  extraHeaders: Record<string, string> = {},
): Promise<VisitorClient> {
  const socket: VisitorClient = io(`${url}/visitor`, {
    auth: { token: credentials.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders,
  });
  return connected(socket);
}

export function connectAgent(
  url: string,
  sessionToken: string,
  extraHeaders: Record<string, string> = {},
): Promise<AgentClient> {
  const socket: AgentClient = io(`${url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `${SESSION_COOKIE}=${sessionToken}`, ...extraHeaders },
  });
  return connected(socket);
}

/** Resolves once connected; rejects with the server's refusal (error.data = { code, message }). */
function connected<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The next `event` on `socket` that satisfies `matches`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`No ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export function newClientId(): string {
  return randomBytes(12).toString('hex');
}

export function memoryStorage(): ConnectionStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

/** Waits until `check` holds, polling. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every test file connects from 127.0.0.1 and, with REDIS_URL, shares the per-address counters:
 * a file that is not about limits lifts them (call at the top of the file, before the server starts).
 */
export function liftAddressLimits(): void {
  process.env.IP_CONNECTS_PER_MINUTE = '100000';
  process.env.IP_MESSAGES_PER_MINUTE = '100000';
}

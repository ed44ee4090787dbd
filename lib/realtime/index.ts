/**
 * Real-time transport: socket.io on the app's HTTP server. It only delivers; lib/conversations
 * decides. Every payload is a schema in lib/schemas/events.ts (the list of events is there).
 *
 * How a visitor message flows:
 *   widget (iframe) ──message:send {clientId, body}──▶ /visitor namespace (visitor-namespace.ts)
 *     → rate limits (limits.ts) → sendVisitorMessage (lib/conversations): one SQL statement takes
 *       the conversation's next seq and inserts once per clientId → ack { message } after commit
 *     → announce('message.created')
 *         ├─ broadcast.ts: visitor's tabs (`message`), agents viewing it (`message`),
 *         │  the workspace's inbox lists (`conversation:updated`) — across nodes via Redis
 *         └─ bot listener (lib/conversations/bot-listener.ts), when the bot handles the
 *            conversation (its turn was stored with the message, in the BotTurn outbox, so any
 *            node answers it if this one dies; bot-turns.ts): typing → replyToVisitor(turn) (lib/bot) streaming `bot:token`s →
 *            stores the reply (clientId `bot:<message id>`) → 'message.created' again;
 *            a handoff decision → 'conversation.handoff' → agents are notified.
 *   Agents: /agent namespace (agent-namespace.ts), session cookie, their workspace only.
 *   Reconnects: the client emits `conversation:resume {conversationId, afterSeq}` and gets every
 *   message after the last seq up to which its list has no hole (messages can arrive out of seq
 *   order, and a gap may be a private note: the answer's throughSeq says); its outbox resends
 *   unacknowledged messages with the same clientId.
 *   Several nodes: REDIS_URL → socket.io Redis adapter for rooms, Redis for presence and limits.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { prepareSite, replyToVisitor as botReply } from '@/lib/bot';
import { config } from '@/lib/config';
import { deploymentName } from '@/lib/db/url';
import { listenForBotTurns, type BotTurnOptions, type ReplyToVisitor } from '@/lib/conversations';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/message';
import { serveAgents } from './agent-namespace';
import { broadcastConversationEvents } from './broadcast';
import { agentsOnline, memoryPresence, redisPresence } from './presence';
import { connectRedis } from './redis';
import { InFlight } from './requests';
import { serveVisitors } from './visitor-namespace';

export { limitVisitorSession } from './limits';
export { socketAddress } from './client-address';

export interface Realtime {
  /** Stops taking requests, lets those in flight finish, then disconnects everyone. */
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /** The bot's brain; lib/bot by default. The benchmark plugs in an echo. */
  replyToVisitor?: ReplyToVisitor;
  /**
   * Loads what the bot reads for a site, started when a visitor of the site connects (at most once
   * every few seconds per site); lib/bot's prepareSite with lib/bot, nothing with another brain.
   */
  prepareBot?: (siteId: string) => Promise<void>;
  botTurns?: BotTurnOptions;
}

/** A site's bot is prepared again on a connection at most this often. */
const PREPARE_EVERY_MS = 5_000;

/** How long a shutdown waits for bot replies in progress; the rest go back to the outbox. */
const BOT_DRAIN_MS = 5_000;

const globalForRealtime = globalThis as unknown as {
  hearthRealtime?: { io: Server; redis: boolean };
};

/** Attaches socket.io to the app's HTTP server. */
export async function attachRealtime(
  httpServer: HttpServer,
  options: RealtimeOptions = {},
): Promise<Realtime> {
  const settings = config();
  const io = new Server(httpServer, {
    serveClient: false,
    // A message body's worst case after JSON escaping, with room for the envelope; larger frames
    // close the sender's connection (and only that one).
    maxHttpBufferSize: MAX_MESSAGE_LENGTH * 6 + 16_384,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const redis = settings.REDIS_URL ? await connectRedis(settings.REDIS_URL) : undefined;
  if (redis)
    io.adapter(createAdapter(redis.pub, redis.sub, { key: `${deploymentName()}:socket.io` }));
  const presence = redis ? redisPresence(redis.pub) : memoryPresence();
  const inFlight = new InFlight();

  const visitors = io.of('/visitor');
  const agents = io.of('/agent');
  const prepareBot = options.prepareBot ?? (options.replyToVisitor ? undefined : prepareSite);
  const preparedAt = new Map<string, number>();
  const prepareSiteBot = (siteId: string) => {
    const now = Date.now();
    if (!prepareBot || now - (preparedAt.get(siteId) ?? -Infinity) < PREPARE_EVERY_MS) return;
    if (preparedAt.size >= 10_000) preparedAt.clear();
    preparedAt.set(siteId, now);
    prepareBot(siteId).catch((error: Error) =>
      console.error(`bot: preparing site ${siteId} failed: ${error.message}`),
    );
  };
  serveVisitors(visitors, {
    presence,
    inFlight,
    multiNode: Boolean(redis),
    prepareBot: prepareSiteBot,
  });
  serveAgents(agents, visitors, { presence, inFlight });
  const stopBroadcast = broadcastConversationEvents(visitors, agents, {
    multiNode: Boolean(redis),
  });
  const bot = listenForBotTurns(
    options.replyToVisitor ?? botReply,
    async (workspaceId) => agentsOnline(await presence.list(workspaceId)),
    options.botTurns,
  );

  globalForRealtime.hearthRealtime = { io, redis: Boolean(redis) };
  return {
    close: async () => {
      await inFlight.drain(5_000);
      await bot.stop(BOT_DRAIN_MS);
      stopBroadcast();
      await presence.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
      globalForRealtime.hearthRealtime = undefined;
    },
  };
}

export function realtimeStatus(): {
  ok: boolean;
  connections: number;
  visitors: number;
  agents: number;
  redis: boolean;
  rssBytes: number;
} {
  const realtime = globalForRealtime.hearthRealtime;
  const rssBytes = process.memoryUsage.rss();
  if (!realtime)
    return { ok: false, connections: 0, visitors: 0, agents: 0, redis: false, rssBytes };
  return {
    ok: true,
    connections: realtime.io.engine.clientsCount,
    visitors: realtime.io.of('/visitor').sockets.size,
    agents: realtime.io.of('/agent').sockets.size,
    redis: realtime.redis,
    rssBytes,
  };
}

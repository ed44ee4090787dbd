// The bot thread (bot-thread.ts): the bot's turns, off the event loop that holds the sockets.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { startModels, stopModels } from '@/lib/ai';
import { replyToVisitor } from '@/lib/bot';
import { disconnectDatabase } from '@/lib/db';
import { stopLiveClassifiers } from '@/lib/training';
import type { BotContext } from './conversation-state';
import { listenForBotTurns, nudgeBotTurns, type BotTurnOptions } from './bot-listener';
import {
  announce,
  onConversationEvent,
  type ConversationEventMap,
  type ConversationEventName,
} from './events';
import type { ConversationRecord, StoredMessage } from './records';
import { stageSamples } from './stage-timings';

/** From the main thread. */
export type BotThreadRequest =
  /** A visitor message whose turn the main thread's statement claimed, with what it read. */
  | {
      type: 'turn';
      conversation: ConversationRecord;
      message: StoredMessage;
      botContext: BotContext | null;
    }
  | { type: 'left'; visitorId: string }
  | { type: 'nudge'; conversationId: string }
  | { type: 'agents-online'; id: number; online: boolean }
  | { type: 'agents-online'; id: number; error: string }
  | { type: 'stop'; drainMs: number };

/** To the main thread. */
export type BotThreadEvent =
  | { type: 'ready' }
  | { type: 'announce'; name: ConversationEventName; payload: unknown }
  | { type: 'agents-online'; id: number; workspaceId: string }
  | { type: 'nudge-jobs' }
  | { type: 'stopped'; stageSamples: Record<string, number[]> };

const port = parentPort!;
const post = (event: BotThreadEvent) => port.postMessage(event);

// Everything the bot announces here is heard on the main thread (the broadcast, webhooks' nudges);
// what the main thread hands over is announced here only, never sent back.
const EVERY_EVENT: Record<ConversationEventName, true> = {
  'conversation.created': true,
  'message.created': true,
  'conversation.updated': true,
  'conversation.handoff': true,
  'conversation.assigned': true,
  'conversation.resolved': true,
  'conversation.rated': true,
  'conversation.read': true,
  'conversation.typing': true,
  'visitor.left': true,
  'visitor.deleted': true,
  'bot.token': true,
};
let fromMain = false;
for (const name of Object.keys(EVERY_EVENT) as ConversationEventName[]) {
  onConversationEvent(name, (payload) => {
    if (!fromMain) post({ type: 'announce', name, payload });
  });
}
function announceFromMain<E extends ConversationEventName>(
  name: E,
  payload: ConversationEventMap[E],
): void {
  fromMain = true;
  try {
    announce(name, payload);
  } finally {
    fromMain = false;
  }
}

// A webhook event stored with a reply: the job runner is the main thread's (lib/jobs nudgeJobs).
(globalThis as { hearthJobSweep?: () => void }).hearthJobSweep = () => post({ type: 'nudge-jobs' });

// Presence lives with the sockets: asked of the main thread for each turn.
let nextId = 1;
const asked = new Map<number, { resolve(online: boolean): void; reject(error: Error): void }>();
const agentsOnline = (workspaceId: string) =>
  new Promise<boolean>((resolve, reject) => {
    const id = nextId++;
    asked.set(id, { resolve, reject });
    post({ type: 'agents-online', id, workspaceId });
  });

lowerPriority();
// This thread's pool is the bot's alone (the main thread's serves acknowledgements).
const turnsAtOnce = Number(process.env.BOT_THREAD_TURNS ?? 8);
process.env.DATABASE_POOL_SIZE = String(turnsAtOnce + 2);
await startModels();
const bot = listenForBotTurns(replyToVisitor, agentsOnline, {
  ...(workerData as BotTurnOptions),
  turnsAtOnce,
});

port.on('message', (request: BotThreadRequest) => {
  switch (request.type) {
    case 'turn':
      announceFromMain('message.created', { ...request, botTurn: 'claimed' });
      break;
    case 'left':
      announceFromMain('visitor.left', { visitorId: request.visitorId });
      break;
    case 'nudge':
      nudgeBotTurns(request.conversationId);
      break;
    case 'agents-online': {
      const answer = asked.get(request.id);
      asked.delete(request.id);
      if ('error' in request) answer?.reject(new Error(request.error));
      else answer?.resolve(request.online);
      break;
    }
    case 'stop':
      void stop(request.drainMs);
      break;
  }
});
post({ type: 'ready' });

async function stop(drainMs: number): Promise<void> {
  await bot.stop(drainMs);
  await stopModels().catch(() => {});
  await stopLiveClassifiers();
  await disconnectDatabase().catch(() => {});
  post({ type: 'stopped', stageSamples: stageSamples() });
}

/**
 * BOT_THREAD_NICE (Linux, a thread's id from /proc): acknowledgements first on a busy machine. Off by
 * default: at nice 10 the acks' p95 at 300 msg/s was 88 against 342 ms, but with other work on the
 * machine the bot starved (50 msg/s: reply p50 2.9 s against 12 ms at nice 0; README).
 */
function lowerPriority(): void {
  const nice = Number(process.env.BOT_THREAD_NICE ?? 0);
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (nice && threadId) setPriority(threadId, nice);
  } catch {
    // Not Linux, or not allowed: the default priority.
  }
}

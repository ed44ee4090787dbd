import { db } from '@/lib/db';
import { botAnswers, waitsForHuman } from '@/lib/bot/bot-answers';
import { readAhead } from '@/lib/bot/read-ahead';
import { botWasUnsure } from '@/lib/bot/review';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { StoredChoicesSchema } from '@/lib/schemas/message';
import { timeLimit } from '@/lib/time-limit';
import { BOT_HISTORY, readBotContext, type BotContext } from './conversation-state';
import { announce, onConversationEvent } from './events';
import { handOffConversation } from './hand-off-conversation';
import { loadConversation, type ConversationRecord, type StoredMessage } from './records';
import { signalTyping } from './signal-typing';
import { recordStage } from './stage-timings';
import { findSite } from './sites';
import { storeMessage, type StoredResult } from './store-message';
import {
  claimDueTurns,
  claimNextTurn,
  finishTurn,
  LEASE_MS,
  releaseTurns,
  renewTurns,
  retryTurnLater,
  type ClaimedTurn,
} from './bot-turns';

export type ReplyToVisitor = (turn: BotTurn) => Promise<BotReply>;
/** Whether an agent of the workspace is online (presence lives with the realtime layer). */
export type AgentsOnline = (workspaceId: string) => Promise<boolean>;

export interface BotTurnOptions {
  /** How often this node looks for turns nobody is answering (start-up, dead nodes, retries). */
  sweepEveryMs?: number;
}

const REPLY_TIMEOUT_MS = 60_000;
const TYPING_AFTER_MS = 300;
/** Claims per turn before the conversation goes to a human; a crash mid-turn counts as one. */
export const MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = 2_000;
/** Turns this node runs at once from its sweep (its own visitors' turns always start at once). */
const SWEEP_CAPACITY = 32;
/**
 * Turns this node works on at once; the rest wait in memory (claims renewed). A turn spends most of
 * its time waiting for its reply's statement, which it shares with the turns finishing with it
 * (store-batch.ts: two such statements at most), so turns no longer hold pool connections and the
 * bound is not the pool's: at 500 msg/s on two cores, 8 turns (pool − 2, as before) left the bot
 * p50 / p95 5.8 / 19 s behind, 32 turns 0.26 / 4.3 s, 64 turns 0.08 / 3.2 s.
 */
const TURNS_AT_ONCE = 64;
const SHUTDOWN = new Error('The server is shutting down');

interface Running {
  turn: ClaimedTurn;
  visitorId: string | null;
  controller: AbortController;
}

/** How long a departure is remembered for turns that had not started yet. */
const LEFT_REMEMBERED_MS = 10 * 60_000;

interface Worker {
  replyToVisitor: ReplyToVisitor;
  agentsOnline?: AgentsOnline;
  stopping: boolean;
  /** Replies to one conversation are produced one at a time, in the order the messages came. */
  queues: Map<string, Promise<void>>;
  /** Turns being answered, by message id, so they can be renewed, cancelled or released. */
  running: Map<string, Running>;
  /** Turns waiting for one of the TURNS_AT_ONCE slots. */
  waiting: (() => void)[];
  slotsTaken: number;
  /** Every turn this node has claimed and not yet finished or given back: their leases are renewed. */
  held: Set<string>;
  /** When each visitor last left, so a turn that had not started yet is not answered either. */
  left: Map<string, number>;
}

// On globalThis: send-visitor-message runs in Next's bundle too and nudges the one worker.
const globalForBot = globalThis as unknown as { hearthBotWorker?: Worker };

/**
 * The bot's worker: every visitor message in a conversation the bot answers gets exactly one
 * reply, stored like any message (clientId `bot:<visitor message id>`, so it is stored once) and
 * streamed token by token while it is generated. Turns come from the bot's outbox (bot-turns.ts):
 * this node's own visitors' turns start at once, and a sweep takes over any due turn (start-up,
 * another node's crash, retries). `stop` drains turns in progress for up to `drainMs` and gives
 * the rest back for any node to answer.
 */
export function listenForBotTurns(
  replyToVisitor: ReplyToVisitor,
  agentsOnline?: AgentsOnline,
  options: BotTurnOptions = {},
): { stop(drainMs: number): Promise<void> } {
  const worker: Worker = {
    replyToVisitor,
    agentsOnline,
    stopping: false,
    queues: new Map(),
    running: new Map(),
    waiting: [],
    slotsTaken: 0,
    held: new Set(),
    left: new Map(),
  };
  globalForBot.hearthBotWorker = worker;
  const stopAnswering = onConversationEvent(
    'message.created',
    ({ conversation, message, botTurn, botContext }) => {
      if (botTurn !== 'claimed') return; // a queued turn is claimed when the one before is done
      const turn = { messageId: message.id, conversationId: conversation.id, attempts: 1 };
      // The turn itself reports a site it cannot find.
      const read = findSite(conversation.siteId).then(
        (site) => site && readAhead(message.body, site.language),
        () => {},
      );
      enqueue(worker, turn, { conversation, message, context: botContext ?? undefined }, read);
    },
  );
  // Nobody is left to read the answer: stop generating it.
  const stopCancelling = onConversationEvent('visitor.left', ({ visitorId }) => {
    const now = Date.now();
    for (const [id, at] of worker.left) if (now - at > LEFT_REMEMBERED_MS) worker.left.delete(id);
    worker.left.set(visitorId, now);
    for (const reply of worker.running.values()) {
      if (reply.visitorId === visitorId) reply.controller.abort(new Error('The visitor left'));
    }
  });
  const sweep = () => {
    const room = SWEEP_CAPACITY - worker.held.size;
    if (worker.stopping || room <= 0) return;
    claimDueTurns(room).then(
      (turns) => turns.forEach((turn) => enqueue(worker, turn)),
      (error: Error) => console.error(`bot: sweep failed: ${error.message}`),
    );
  };
  sweep();
  const sweeping = setInterval(sweep, options.sweepEveryMs ?? 1_000);
  const renewing = setInterval(() => {
    renewTurns([...worker.held]).catch((error: Error) =>
      console.error(`bot: lease renewal failed: ${error.message}`),
    );
  }, LEASE_MS / 3);
  return {
    stop: async (drainMs) => {
      worker.stopping = true;
      clearInterval(sweeping);
      clearInterval(renewing);
      stopAnswering();
      const drained = Promise.allSettled([...worker.queues.values()]);
      await Promise.race([drained, delay(drainMs)]);
      for (const reply of worker.running.values()) reply.controller.abort(SHUTDOWN);
      await Promise.race([drained, delay(1_000)]);
      await releaseTurns([...worker.held]).catch(() => {});
      stopCancelling();
      if (globalForBot.hearthBotWorker === worker) globalForBot.hearthBotWorker = undefined;
    },
  };
}

/** A visitor resent a stored message: answer its conversation's turn if nobody is on it. */
export function nudgeBotTurns(conversationId: string): void {
  const worker = globalForBot.hearthBotWorker;
  if (!worker || worker.stopping) return;
  claimNextTurn(conversationId).then(
    (turn) => turn && enqueue(worker, turn),
    (error: Error) => console.error(`bot: could not claim a resent turn: ${error.message}`),
  );
}

function enqueue(
  worker: Worker,
  turn: ClaimedTurn,
  known?: KnownTurn,
  /** The message being read ahead: awaited before the turn takes a slot. */
  read?: Promise<unknown>,
): void {
  if (worker.stopping) {
    void releaseTurns([turn.messageId]).catch(() => {});
    return;
  }
  const { conversationId } = turn;
  worker.held.add(turn.messageId);
  const previous = worker.queues.get(conversationId) ?? Promise.resolve();
  const next = previous.then(() => runTurns(worker, turn, known, read));
  worker.queues.set(conversationId, next);
  void next.finally(() => {
    if (worker.queues.get(conversationId) === next) worker.queues.delete(conversationId);
  });
}

/** Runs a claimed turn, then each next turn of the conversation that finishing it claimed. */
async function runTurns(
  worker: Worker,
  first: ClaimedTurn,
  known?: KnownTurn,
  read?: Promise<unknown>,
): Promise<void> {
  let next: NextTurn | null = { turn: first, known };
  while (next) {
    const { turn: current, known: loaded } = next;
    worker.held.add(current.messageId);
    // Encoding the message takes no slot: a turn waiting for its vector held one for a batch.
    if (current === first) await read;
    const queuedAt = performance.now();
    await takeSlot(worker);
    recordStage('4 bot: wait for a slot (turns at once)', queuedAt);
    try {
      if (worker.stopping) {
        await releaseTurns([current.messageId]).catch(() => {});
        return;
      }
      next = await runTurn(worker, current, loaded);
    } catch (error) {
      // The database failed us: the lease runs out and the sweep tries again.
      console.error(`bot: turn ${current.messageId} failed:`, error);
      return;
    } finally {
      worker.held.delete(current.messageId);
      worker.slotsTaken -= 1;
      worker.waiting.shift()?.();
    }
  }
}

/** Waits for one of the TURNS_AT_ONCE slots: the bot works on a bounded number of turns at once. */
async function takeSlot(worker: Worker): Promise<void> {
  while (worker.slotsTaken >= TURNS_AT_ONCE) {
    await new Promise<void>((resolve) => worker.waiting.push(resolve));
  }
  worker.slotsTaken += 1;
}

/** What the statement that claimed a turn read for it: no query before deciding. */
interface KnownTurn {
  conversation: ConversationRecord;
  message: StoredMessage;
  context?: BotContext;
}

/** A claimed turn, with its conversation and message when the statement that claimed it read them. */
interface NextTurn {
  turn: ClaimedTurn;
  known?: KnownTurn;
}

const unknown = (turn: ClaimedTurn | null): NextTurn | null => turn && { turn };

/** Answers one turn; returns the conversation's next turn when finishing this one claimed it. */
async function runTurn(
  worker: Worker,
  turn: ClaimedTurn,
  known?: KnownTurn,
): Promise<NextTurn | null> {
  const loaded = known ?? (await loadTurn(turn));
  if (!loaded || !botAnswers(loaded.conversation)) return unknown(await finishTurn(turn));
  const { conversation, message, context } = loaded;
  // The visitor left after sending this and before its turn began: nobody is there to read it.
  if ((worker.left.get(conversation.visitorId) ?? 0) >= message.createdAt.getTime()) {
    return unknown(await finishTurn(turn));
  }
  const controller = new AbortController();
  worker.running.set(turn.messageId, { turn, visitorId: conversation.visitorId, controller });
  try {
    const startedAt = performance.now();
    const stored = await answer(conversation, message, worker, controller, context);
    const finishing = performance.now();
    // Storing the reply took the turn out of the outbox and claimed the next one, with the
    // conversation as the reply left it; if nothing was stored, do it here.
    const next = stored?.created
      ? stored.nextTurn && {
          turn: stored.nextTurn.turn,
          known: {
            conversation: stored.conversation,
            message: stored.nextTurn.message,
            context: stored.botContext ?? undefined,
          },
        }
      : unknown(await finishTurn(turn));
    recordStage('9 bot: claim the next waiting turn', finishing);
    recordStage('10 bot: turn total', startedAt);
    return next;
  } catch (error) {
    if (controller.signal.reason === SHUTDOWN) {
      await releaseTurns([turn.messageId]);
      return null;
    }
    // The visitor left: they will see the conversation as it is.
    if (controller.signal.aborted) return unknown(await finishTurn(turn));
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `bot: no reply in conversation ${conversation.id} (attempt ${turn.attempts}):`,
      error,
    );
    if (turn.attempts < MAX_ATTEMPTS) {
      await retryTurnLater(turn, RETRY_AFTER_MS * turn.attempts);
      return null;
    }
    const current = await loadConversation({ id: conversation.id });
    if (current && botAnswers(current)) {
      await handOffConversation(current, `The bot could not answer: ${reason}`);
    }
    return unknown(await finishTurn(turn));
  } finally {
    worker.running.delete(turn.messageId);
  }
}

async function loadTurn(turn: ClaimedTurn): Promise<KnownTurn | null> {
  const [message, conversation] = await Promise.all([
    db().message.findUnique({ where: { id: turn.messageId } }),
    loadConversation({ id: turn.conversationId }),
  ]);
  return message && conversation
    ? { conversation, message: { ...message, authorName: null } }
    : null;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Produces, stores and delivers the reply; throws when it could not (aborted included). */
async function answer(
  conversation: ConversationRecord,
  visitorMessage: StoredMessage,
  { replyToVisitor, agentsOnline }: Worker,
  controller: AbortController,
  /** Read with the turn's claim; otherwise read here. */
  context?: BotContext,
): Promise<StoredResult | null> {
  const streamId = `bot:${visitorMessage.id}`;
  // "Typing…" only for a reply that streams or takes a while: fast replies cost no extra frames.
  let typing = false;
  const startTyping = () => {
    if (typing) return;
    typing = true;
    signalTyping(conversation, 'bot', true);
  };
  const showTyping = setTimeout(startTyping, TYPING_AFTER_MS);
  const { signal, clear: clearReplyLimit } = timeLimit(REPLY_TIMEOUT_MS, controller.signal);
  try {
    const loading = performance.now();
    const site = await findSite(conversation.siteId);
    if (!site) throw new Error('The site is gone');
    const { botState, history } =
      context ?? (await readBotContext(conversation.id, visitorMessage.seq, BOT_HISTORY));
    recordStage('5 bot: load site, state, history', loading);
    // The visitor left (or the node is stopping) while this loaded: start no reply.
    signal.throwIfAborted();
    const deciding = performance.now();
    const reply = await replyToVisitor({
      site: { id: site.id, language: site.language, botSettings: site.botSettings },
      conversation: {
        id: conversation.id,
        fallbackCount: conversation.fallbackCount,
        botState,
        waitingForHuman: waitsForHuman(conversation),
      },
      visitorMessage: {
        id: visitorMessage.id,
        body: visitorMessage.body,
        choice: StoredChoicesSchema.parse(visitorMessage.choices)[0],
      },
      history: history.map((message) => ({
        ...message,
        choices: StoredChoicesSchema.parse(message.choices),
      })),
      agentsOnline: await agentsOnline?.(conversation.workspaceId),
      signal,
      onToken: (text) => {
        startTyping();
        announce('bot.token', { conversation, streamId, text });
      },
    });
    recordStage('6 bot: decide (classify, retrieve, compose)', deciding);
    const delivering = performance.now();
    // The state is saved with the reply, and only when it changed.
    const changed = JSON.stringify(reply.botState) !== JSON.stringify(botState);
    const stored = await deliver(
      conversation,
      visitorMessage,
      { ...reply, botState: changed ? reply.botState : undefined },
      streamId,
    );
    recordStage('7 bot: store + deliver reply', delivering);
    return stored;
  } finally {
    clearTimeout(showTyping);
    clearReplyLimit();
    if (typing) signalTyping(conversation, 'bot', false);
  }
}

/** Stores the reply with its outcome in one statement (botState: only a changed state), and announces it. */
async function deliver(
  conversation: ConversationRecord,
  visitorMessage: StoredMessage,
  reply: BotReply,
  streamId: string,
): Promise<StoredResult | null> {
  // Stored only if the bot still has the conversation: an agent may have taken over meanwhile.
  const stored = await storeMessage(
    conversation,
    {
      sender: 'bot',
      body: reply.text,
      clientId: streamId,
      intent: reply.intent ?? null,
      confidence: reply.confidence ?? null,
      modelVersionId: reply.modelVersionId ?? null,
      citations: reply.citations,
      choices: reply.choices,
      answers: visitorMessage.id,
      outcome: {
        fallback: reply.decision === 'fallback',
        // What the bot was unsure about goes to the inbox's review queue.
        unsure: botWasUnsure(reply),
        botState: reply.botState,
      },
    },
    'bot',
  );
  if (!stored?.created) return stored;
  announce('message.created', { conversation: stored.conversation, message: stored.message });
  if (reply.decision === 'handoff') {
    // The next turn (if one was claimed) sees the conversation handed off.
    const conversation = await handOffConversation(
      stored.conversation,
      reply.handoffReason ?? 'The bot handed the conversation over',
    );
    return { ...stored, conversation };
  }
  return stored;
}

import { db } from '@/lib/db';
import { botAnswers, waitsForHuman } from '@/lib/bot/bot-answers';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { StoredChoicesSchema } from '@/lib/schemas/message';
import { readBotState, saveBotState } from './conversation-state';
import { announce, onConversationEvent } from './events';
import { handOffConversation } from './hand-off-conversation';
import { loadConversation, type ConversationRecord, type StoredMessage } from './records';
import { signalTyping } from './signal-typing';
import { findSite } from './sites';
import { storeMessage } from './store-message';

export type ReplyToVisitor = (turn: BotTurn) => Promise<BotReply>;
/** Whether an agent of the workspace is online (presence lives with the realtime layer). */
export type AgentsOnline = (workspaceId: string) => Promise<boolean>;

const HISTORY = 20;
const REPLY_TIMEOUT_MS = 60_000;
// Replies to one conversation are produced one at a time, in the order the messages came.
const queues = new Map<string, Promise<void>>();
/** Replies being produced, by conversation, so they can be cancelled. */
const replying = new Map<string, { visitorId: string; controller: AbortController }>();

/**
 * The bot's listener: every visitor message in a conversation the bot handles gets a reply,
 * stored like any message (clientId `bot:<visitor message id>`, so it is stored once) and
 * streamed token by token while it is generated.
 */
export function listenForBotTurns(
  replyToVisitor: ReplyToVisitor,
  agentsOnline?: AgentsOnline,
): () => void {
  const stopAnswering = onConversationEvent('message.created', ({ conversation, message }) => {
    if (message.sender !== 'visitor' || !botAnswers(conversation)) return;
    const previous = queues.get(conversation.id) ?? Promise.resolve();
    const next = previous.then(() => answer(conversation, message, replyToVisitor, agentsOnline));
    queues.set(conversation.id, next);
    void next.finally(() => {
      if (queues.get(conversation.id) === next) queues.delete(conversation.id);
    });
  });
  // Nobody is left to read the answer: stop generating it.
  const stopCancelling = onConversationEvent('visitor.left', ({ visitorId }) => {
    for (const reply of replying.values()) {
      if (reply.visitorId === visitorId) reply.controller.abort(new Error('The visitor left'));
    }
  });
  return () => {
    stopAnswering();
    stopCancelling();
  };
}

async function answer(
  conversation: ConversationRecord,
  visitorMessage: StoredMessage,
  replyToVisitor: ReplyToVisitor,
  agentsOnline: AgentsOnline | undefined,
): Promise<void> {
  const streamId = `bot:${visitorMessage.id}`;
  signalTyping(conversation, 'bot', true);
  const controller = new AbortController();
  replying.set(conversation.id, { visitorId: conversation.visitorId, controller });
  const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(REPLY_TIMEOUT_MS)]);
  try {
    const site = await findSite(conversation.siteId);
    if (!site) return;
    const botState = await readBotState(conversation.id);
    const earlier =
      visitorMessage.seq === 1
        ? []
        : await db().message.findMany({
            where: {
              conversationId: conversation.id,
              isPrivate: false,
              seq: { lt: visitorMessage.seq },
            },
            orderBy: { seq: 'desc' },
            take: HISTORY,
            select: { sender: true, body: true, choices: true },
          });
    const reply = await replyToVisitor({
      site: { id: site.id, language: site.language, botSettings: site.botSettings },
      conversation: {
        id: conversation.id,
        fallbackCount: conversation.fallbackCount,
        botState,
        waitingForHuman: waitsForHuman(conversation),
        contactEmail: conversation.contactEmail,
      },
      visitorMessage: {
        id: visitorMessage.id,
        body: visitorMessage.body,
        choice: StoredChoicesSchema.parse(visitorMessage.choices)[0],
      },
      history: earlier
        .reverse()
        .map((message) => ({ ...message, choices: StoredChoicesSchema.parse(message.choices) })),
      agentsOnline: await agentsOnline?.(conversation.workspaceId),
      signal,
      onToken: (text) => announce('bot.token', { conversation, streamId, text }),
    });
    await deliver(conversation, visitorMessage, reply, streamId);
    await saveBotState(conversation.id, botState, reply.botState);
  } catch (error) {
    if (controller.signal.aborted) return; // the visitor left; they will see the conversation as it is
    console.error(`bot: no reply in conversation ${conversation.id}:`, error);
    const current = await loadConversation({ id: conversation.id });
    if (current?.status === 'bot') await handOffConversation(current, 'The bot could not answer');
  } finally {
    replying.delete(conversation.id);
    signalTyping(conversation, 'bot', false);
  }
}

async function deliver(
  conversation: ConversationRecord,
  visitorMessage: StoredMessage,
  reply: BotReply,
  streamId: string,
): Promise<void> {
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
    },
    'bot',
  );
  if (!stored?.created) return;
  const fallbackCount = reply.decision === 'fallback' ? stored.conversation.fallbackCount + 1 : 0;
  if (fallbackCount !== stored.conversation.fallbackCount || reply.decision !== 'answer') {
    await db().$transaction([
      db().conversation.update({ where: { id: conversation.id }, data: { fallbackCount } }),
      // What the bot was unsure about goes to the inbox's review queue.
      ...(reply.decision === 'answer'
        ? []
        : [
            db().message.update({
              where: { id: visitorMessage.id },
              data: { reviewState: 'pending' },
            }),
          ]),
    ]);
  }
  const record = { ...stored.conversation, fallbackCount };
  announce('message.created', { conversation: record, message: stored.message });
  if (reply.decision === 'handoff') {
    await handOffConversation(
      record,
      reply.handoffReason ?? 'The bot handed the conversation over',
    );
  }
}

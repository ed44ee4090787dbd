import type { BotContext } from './conversation-state';
import type { ConversationRecord, StoredMessage } from './records';

/**
 * Everything that happens to a conversation. Actions announce; listeners (the bot, the socket
 * broadcast, …) subscribe, each in a file of its own. `conversation` is its state after the event.
 */
export interface ConversationEventMap {
  'conversation.created': { conversation: ConversationRecord };
  'message.created': {
    conversation: ConversationRecord;
    message: StoredMessage;
    /** A visitor message's bot turn (bot-turns.ts): claimed by this node, or queued. */
    botTurn?: 'claimed' | 'queued' | null;
    /** A claimed turn's context, read by the statement that stored the message. */
    botContext?: BotContext | null;
    /**
     * The visitor's socket that sent it: its acknowledgement already carries the message, so the
     * broadcast skips that socket (the visitor's other tabs still get it).
     */
    senderSocketId?: string;
  };
  /** Status, assignee or contact details changed. */
  'conversation.updated': { conversation: ConversationRecord };
  /** The conversation started waiting for a human. */
  'conversation.handoff': { conversation: ConversationRecord; reason: string };
  /** An agent was given the conversation (or took it), or it was unassigned (assigneeId null). */
  'conversation.assigned': { conversation: ConversationRecord };
  'conversation.resolved': { conversation: ConversationRecord };
  /** The visitor rated a resolved conversation (a comment after the score announces again). */
  'conversation.rated': { conversation: ConversationRecord };
  'conversation.read': {
    conversation: ConversationRecord;
    reader: 'visitor' | 'agent';
    seq: number;
  };
  'conversation.typing': {
    conversation: ConversationRecord;
    sender: 'visitor' | 'bot' | 'agent';
    agentId: string | null;
    name: string | null;
    typing: boolean;
  };
  /** The visitor's last open tab on this node closed: work done only for them can stop. */
  'visitor.left': { visitorId: string };
  /** An admin erased a visitor (their data rights): their conversations no longer exist. */
  'visitor.deleted': { workspaceId: string; visitorId: string; conversationIds: string[] };
  /** A piece of a bot answer still being generated; `streamId` is the final message's clientId. */
  'bot.token': { conversation: ConversationRecord; streamId: string; text: string };
}

export type ConversationEventName = keyof ConversationEventMap;
type Listener<E extends ConversationEventName> = (
  event: ConversationEventMap[E],
) => void | Promise<void>;

type Listeners = { [E in ConversationEventName]?: Set<Listener<E>> };

// On globalThis: actions run both in server.ts's module graph and in the one Next.js bundles,
// and both must reach the listeners server.ts registered.
const globalForEvents = globalThis as unknown as { hearthConversationListeners?: Listeners };
const listeners: Listeners = (globalForEvents.hearthConversationListeners ??= {});

/** Subscribes; returns the unsubscribe function. */
export function onConversationEvent<E extends ConversationEventName>(
  name: E,
  listener: Listener<E>,
): () => void {
  const set = (listeners[name] ?? new Set()) as Set<Listener<E>>;
  (listeners as Record<string, Set<Listener<E>>>)[name] = set;
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells every listener; a failing listener is logged and never affects the action or the others. */
export function announce<E extends ConversationEventName>(
  name: E,
  event: ConversationEventMap[E],
): void {
  const set = listeners[name] as Set<Listener<E>> | undefined;
  if (!set) return;
  for (const listener of set) {
    try {
      const result = listener(event);
      if (result instanceof Promise) result.catch((error) => logListenerError(name, error));
    } catch (error) {
      logListenerError(name, error);
    }
  }
}

function logListenerError(name: string, error: unknown): void {
  console.error(`conversation event ${name}: listener failed:`, error);
}

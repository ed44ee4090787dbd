import type { ConversationStatus } from '@/lib/schemas/events';

/**
 * Whether the bot replies to a visitor's message: while it has the conversation, and while the
 * visitor waits for a person nobody has taken yet (handed off, unassigned) — so a visitor is never
 * left without an answer. Once an agent takes the conversation (or replies, which assigns it),
 * the bot stops. storeMessage's `bot` condition checks the same in SQL when the reply is stored.
 */
export function botAnswers(conversation: {
  status: ConversationStatus;
  assigneeId: string | null;
}): boolean {
  return (
    conversation.status === 'bot' ||
    (conversation.status === 'open' && conversation.assigneeId === null)
  );
}

/** The conversation was handed to a person who has not taken it yet. */
export function waitsForHuman(conversation: {
  status: ConversationStatus;
  assigneeId: string | null;
}): boolean {
  return conversation.status === 'open' && conversation.assigneeId === null;
}

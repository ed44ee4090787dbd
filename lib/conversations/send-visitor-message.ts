import { db } from '@/lib/db';
import {
  VisitorSendRequestSchema,
  type VisitorConversation,
  type VisitorMessage,
} from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import {
  findActiveConversation,
  rememberActiveConversation,
  startConversation,
} from './current-conversation';
import { announce } from './events';
import { loadConversation } from './records';
import { storeMessage, type StoredResult } from './store-message';
import { toVisitorConversation, toVisitorMessage } from './views';

/**
 * A visitor writes. Stored once per clientId, whatever the number of retries; acknowledged
 * (returned) only after the row is committed.
 */
export async function sendVisitorMessage(
  visitor: VisitorActor,
  input: unknown,
): Promise<{ message: VisitorMessage; conversation: VisitorConversation }> {
  const { clientId, body } = VisitorSendRequestSchema.parse(input);
  const message = { sender: 'visitor' as const, body, clientId };
  let stored: StoredResult | null = null;
  const cached = await findActiveConversation(visitor, { cached: true });
  if (cached) stored = await storeMessage(cached, message, 'active');
  if (!stored) {
    // No active conversation (or it was resolved meanwhile): this may be a retry whose
    // conversation has been resolved since, else it starts a new conversation.
    const earlier = await findEarlierSend(visitor, clientId);
    if (earlier) return earlier;
    const active =
      (cached && (await findActiveConversation(visitor))) || (await startConversation(visitor));
    stored = await storeMessage(active, message, 'active');
    if (!stored) throw new Error('The conversation was resolved before its first message');
  }
  rememberActiveConversation(visitor.visitorId, stored.conversation);
  if (stored.created) {
    announce('message.created', { conversation: stored.conversation, message: stored.message });
  }
  return {
    message: toVisitorMessage(stored.message),
    conversation: toVisitorConversation(stored.conversation),
  };
}

async function findEarlierSend(
  visitor: VisitorActor,
  clientId: string,
): Promise<{ message: VisitorMessage; conversation: VisitorConversation } | null> {
  const message = await db().message.findFirst({
    where: { clientId, sender: 'visitor', conversation: { visitorId: visitor.visitorId } },
  });
  if (!message) return null;
  const conversation = await loadConversation({ id: message.conversationId });
  if (!conversation) return null;
  return {
    message: toVisitorMessage({ ...message, authorName: null }),
    conversation: toVisitorConversation(conversation),
  };
}

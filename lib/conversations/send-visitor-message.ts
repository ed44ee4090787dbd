import { db } from '@/lib/db';
import {
  VisitorSendRequestSchema,
  type VisitorConversation,
  type VisitorMessage,
} from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { findActiveConversation, findOrStartConversation } from './current-conversation';
import { announce } from './events';
import { loadConversation } from './records';
import { storeMessage } from './store-message';
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
  let conversation = await findActiveConversation(visitor);
  if (!conversation) {
    // Starting a conversation: the send may be a retry whose conversation was resolved since.
    const earlier = await findEarlierSend(visitor, clientId);
    if (earlier) return earlier;
    conversation = await findOrStartConversation(visitor);
  }
  const stored = await storeMessage(conversation, { sender: 'visitor', body, clientId });
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

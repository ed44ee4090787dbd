import { db } from '@/lib/db';
import {
  VisitorSendRequestSchema,
  type VisitorConversation,
  type VisitorMessage,
} from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import {
  latestConversation,
  rememberActiveConversation,
  rememberedActiveConversation,
  startConversation,
} from './current-conversation';
import { nudgeBotTurns } from './bot-listener';
import { announce } from './events';
import { loadConversation } from './records';
import { storeMessage } from './store-message';
import { toVisitorConversation, toVisitorMessage } from './views';

/**
 * A visitor writes. Stored once per clientId, whatever the number of retries; acknowledged
 * (returned) only after the row is committed. `senderSocketId`: the socket whose acknowledgement
 * returns the message, left out of its broadcast.
 */
export async function sendVisitorMessage(
  visitor: VisitorActor,
  input: unknown,
  senderSocketId?: string,
): Promise<{ message: VisitorMessage; conversation: VisitorConversation }> {
  const { clientId, body, choice } = VisitorSendRequestSchema.parse(input);
  const message = { sender: 'visitor' as const, body, clientId, choices: choice ? [choice] : [] };
  const remembered = rememberedActiveConversation(visitor);
  let stored = remembered ? await storeMessage(remembered, message, 'active') : null;
  if (!stored) {
    // One statement; a visitor's first conversation starts in it.
    const { conversation: latest } = await latestConversation(visitor);
    if (latest && latest.status !== 'resolved')
      stored = await storeMessage(latest, message, 'active');
    if (!stored) {
      // This may be a retry of a message whose conversation has been resolved since.
      const earlier = latest ? await findEarlierSend(visitor, clientId) : null;
      if (earlier) return earlier;
      stored = await storeMessage(await startConversation(visitor), message, 'active');
      if (!stored) throw new Error('The conversation was resolved before its first message');
    }
  }
  rememberActiveConversation(visitor.visitorId, stored.conversation);
  if (stored.created) {
    announce('message.created', {
      conversation: stored.conversation,
      message: stored.message,
      botTurn: stored.botTurn,
      botContext: stored.botContext,
      senderSocketId,
    });
  } else {
    // A resend: its turn may be stored but unanswered (this node or another died meanwhile).
    nudgeBotTurns(stored.conversation.id);
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

import { announce } from './events';
import type { ConversationRecord } from './records';
import { changeWithWebhookEvent, conversationEventData } from './webhook-outbox';

/**
 * The conversation goes to a human: the bot stops answering and it waits in the inbox's
 * "needs a human" view. Called by the bot's decision and by the visitor's request.
 */
export async function handOffConversation(
  conversation: ConversationRecord,
  reason: string,
): Promise<ConversationRecord> {
  if (conversation.status === 'open') return conversation;
  const now = new Date();
  const record = await changeWithWebhookEvent(
    conversation.siteId,
    'conversation.handed_off',
    async (client) => {
      const updated = await client.conversation.update({
        where: { id: conversation.id },
        data: {
          status: 'open',
          handoffReason: reason.slice(0, 500),
          waitingSince: now,
          resolvedAt: null,
        },
      });
      return { ...conversation, ...updated };
    },
    (changed) => ({ ...conversationEventData(changed), reason }),
  );
  announce('conversation.updated', { conversation: record });
  announce('conversation.handoff', { conversation: record, reason });
  return record;
}

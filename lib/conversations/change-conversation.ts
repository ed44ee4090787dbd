import { ActionError } from '@/lib/auth/errors';
import type { Prisma } from '@/lib/db';
import type { WebhookEventType } from '@/lib/schemas/webhook';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';
import { changeWithWebhookEvent, conversationEventData } from './webhook-outbox';

/**
 * Applies an agent's change if nobody changed the status or assignee since the agent loaded the
 * conversation (two agents acting at once: the second is told instead of silently overwriting),
 * then announces the new state; `webhookEvent` (when a site's webhooks want it) commits with it.
 */
export async function changeConversation(
  conversation: ConversationRecord,
  data: Prisma.ConversationUncheckedUpdateManyInput,
  webhookEvent: WebhookEventType | null = null,
): Promise<ConversationRecord> {
  const updated = await changeWithWebhookEvent(
    conversation.siteId,
    webhookEvent,
    async (client) => {
      const { count } = await client.conversation.updateMany({
        where: {
          id: conversation.id,
          status: conversation.status,
          assigneeId: conversation.assigneeId,
        },
        data,
      });
      if (count === 0) {
        throw new ActionError(
          'conflict',
          'Someone changed this conversation just now; look again and retry',
        );
      }
      const changed = await loadConversation({ id: conversation.id }, undefined, client);
      if (!changed) throw new ActionError('not_found', 'No such conversation');
      return changed;
    },
    conversationEventData,
  );
  announce('conversation.updated', { conversation: updated });
  return updated;
}

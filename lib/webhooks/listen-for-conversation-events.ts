import { onConversationEvent, type ConversationRecord } from '@/lib/conversations';
import type { WebhookEventType } from '@/lib/schemas/webhook';
import { queueWebhookEvent } from './queue-webhook-event';
import { conversationData, messageData } from './webhook-data';

/**
 * Turns conversation events into webhook deliveries (training and model events are queued by
 * lib/training, in the transactions that finish them). Returns the unsubscribe function.
 */
export function listenForConversationEvents(): () => void {
  const queue = (
    conversation: ConversationRecord,
    type: WebhookEventType,
    data: Record<string, unknown>,
  ) =>
    queueWebhookEvent(conversation.siteId, type, data).catch((error: Error) =>
      console.error(`webhooks: could not queue ${type}: ${error.message}`),
    );
  const subscriptions = [
    onConversationEvent('conversation.created', ({ conversation }) =>
      queue(conversation, 'conversation.created', { conversation: conversationData(conversation) }),
    ),
    onConversationEvent('message.created', ({ conversation, message }) =>
      queue(conversation, 'message.created', {
        conversation: conversationData(conversation),
        message: messageData(message),
      }),
    ),
    onConversationEvent('conversation.handoff', ({ conversation, reason }) =>
      queue(conversation, 'conversation.handed_off', {
        conversation: conversationData(conversation),
        reason,
      }),
    ),
    onConversationEvent('conversation.assigned', ({ conversation }) =>
      queue(conversation, 'conversation.assigned', {
        conversation: conversationData(conversation),
      }),
    ),
    onConversationEvent('conversation.resolved', ({ conversation }) =>
      queue(conversation, 'conversation.resolved', {
        conversation: conversationData(conversation),
      }),
    ),
    onConversationEvent('conversation.rated', ({ conversation }) =>
      queue(conversation, 'conversation.rated', { conversation: conversationData(conversation) }),
    ),
  ];
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}

import { ActionError } from '@/lib/auth/errors';
import { RateConversationRequestSchema, type VisitorConversation } from '@/lib/schemas/events';
import type { VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation } from './records';
import { toVisitorConversation } from './views';
import { changeWithWebhookEvent, conversationEventData } from './webhook-outbox';

/**
 * CSAT: the visitor rates their own resolved conversation, once per resolution; a comment may follow
 * the click that rated it (same score, no comment yet).
 */
export async function rateConversation(
  visitor: VisitorActor,
  input: unknown,
): Promise<VisitorConversation> {
  const { conversationId, score, comment } = RateConversationRequestSchema.parse(input);
  const own = { id: conversationId, siteId: visitor.siteId, visitorId: visitor.visitorId };
  const { count, conversation } = await changeWithWebhookEvent(
    visitor.siteId,
    'conversation.rated',
    async (client) => {
      // One conditional update: two tabs rating at once store one rating.
      const { count } = await client.conversation.updateMany({
        where: {
          ...own,
          status: 'resolved',
          OR: [{ csatScore: null }, { csatScore: score, csatComment: null }],
        },
        data: { csatScore: score, csatComment: comment },
      });
      return { count, conversation: await loadConversation(own, undefined, client) };
    },
    (rated) =>
      rated.count && rated.conversation ? conversationEventData(rated.conversation) : null,
  );
  if (!conversation) throw new ActionError('not_found', 'No such conversation');
  if (count === 0) {
    throw new ActionError(
      'conflict',
      conversation.status === 'resolved'
        ? 'This conversation is already rated'
        : 'Only a resolved conversation can be rated',
    );
  }
  announce('conversation.updated', { conversation });
  announce('conversation.rated', { conversation });
  return toVisitorConversation(conversation);
}

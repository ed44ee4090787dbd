import type { Prisma } from '@/lib/db';
import type { ConversationRecord } from './records';
import { conversationEventData, siteWantsWebhook, writeWebhookEvent } from './webhook-outbox';

/**
 * A member leaves the workspace: their conversations go back to the unassigned queue, in the
 * caller's transaction, each a `conversation.assigned` webhook event (assigneeId null) where a site
 * wants it. Returns the conversations as they are now; the caller announces them after commit.
 */
export async function unassignConversations(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  userId: string,
): Promise<ConversationRecord[]> {
  const assigned = { assigneeId: userId, site: { workspaceId } };
  const conversations = await tx.conversation.findMany({
    where: assigned,
    include: { visitor: true },
  });
  await tx.conversation.updateMany({ where: assigned, data: { assigneeId: null } });
  const unassigned = conversations.map((conversation) => ({
    ...conversation,
    assigneeId: null,
    workspaceId,
  }));
  for (const conversation of unassigned) {
    if (await siteWantsWebhook(conversation.siteId, 'conversation.assigned')) {
      await writeWebhookEvent(
        tx,
        conversation.siteId,
        'conversation.assigned',
        conversationEventData(conversation),
      );
    }
  }
  return unassigned;
}

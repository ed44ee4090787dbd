import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { announce } from '@/lib/conversations';
import { db } from '@/lib/db';
import type { VisitorDeleted } from '@/lib/schemas/visitor';
import { assertAdmin, type Admin } from '@/lib/sites/workspace-site';
import { deliveriesMentioning } from './webhook-mentions';

/**
 * An admin erases a visitor (their right to erasure): identity, conversations, messages (and with
 * them the search index and the bot's pending turns), review items, training examples made from
 * their words, and webhook deliveries and jobs that carry their conversations. One transaction;
 * the audit row keeps counts only, never the data. Agents' inboxes drop the conversations at once.
 */
export async function deleteVisitor(admin: Admin, visitorId: string): Promise<VisitorDeleted> {
  assertAdmin(admin);
  const { deleted, conversationIds } = await db().$transaction(async (tx) => {
    const visitor = await tx.visitor.findFirst({
      where: { id: visitorId, site: { workspaceId: admin.workspaceId } },
      select: { id: true, siteId: true, conversations: { select: { id: true } } },
    });
    if (!visitor) throw new ActionError('not_found', 'No such visitor');
    const conversationIds = visitor.conversations.map((conversation) => conversation.id);
    const messageIds = (
      await tx.message.findMany({
        where: { conversationId: { in: conversationIds } },
        select: { id: true },
      })
    ).map((message) => message.id);

    const examples = await tx.trainingExample.deleteMany({
      where: { messageId: { in: messageIds }, intent: { siteId: visitor.siteId } },
    });
    const ids = [visitor.id, ...conversationIds];
    const deliveryIds = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM "WebhookDelivery" d USING "WebhookEndpoint" e
      WHERE ${deliveriesMentioning(visitor.siteId, ids)}
      RETURNING d.id`;
    // Jobs carry a delivery's id, or (any other kind) the conversation's.
    const jobMentions = [...ids, ...deliveryIds.map(({ id }) => id)].map((id) => `%${id}%`);
    await tx.$executeRaw`DELETE FROM "Job" WHERE payload::text LIKE ANY (${jobMentions}::text[])`;
    // Conversations, messages and bot turns go with the visitor (ON DELETE CASCADE).
    await tx.visitor.delete({ where: { id: visitor.id } });
    const deleted: VisitorDeleted = {
      visitorId: visitor.id,
      conversations: conversationIds.length,
      messages: messageIds.length,
      trainingExamples: examples.count,
    };
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'visitor.deleted',
        target: `visitor:${visitor.id}`,
        details: {
          siteId: visitor.siteId,
          conversations: deleted.conversations,
          messages: deleted.messages,
          trainingExamples: deleted.trainingExamples,
          webhookDeliveries: deliveryIds.length,
        },
      },
      tx,
    );
    return { deleted, conversationIds };
  });
  announce('visitor.deleted', { workspaceId: admin.workspaceId, visitorId, conversationIds });
  return deleted;
}

import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { announce, siteWantsWebhook, writeWebhookEvent } from '@/lib/conversations';
import { db } from '@/lib/db';
import { nudgeJobs } from '@/lib/jobs';
import type { VisitorDeleted } from '@/lib/schemas/visitor';
import { assertAdmin, type Admin } from '@/lib/sites/workspace-site';
import { eraseVisitors } from './erase-visitors';

/**
 * An admin erases a visitor (their right to erasure): identity, conversations, messages (and with
 * them the search index and the bot's pending turns), review items, training examples made from
 * their words, and webhook deliveries and jobs that carry their conversations. One transaction;
 * the audit row keeps counts only, never the data. Agents' inboxes drop the conversations at once,
 * and the site's webhooks are told (`visitor.deleted`), so a CRM can erase them too.
 */
export async function deleteVisitor(admin: Admin, visitorId: string): Promise<VisitorDeleted> {
  assertAdmin(admin);
  const { deleted, conversationIds } = await db().$transaction(async (tx) => {
    const visitor = await tx.visitor.findFirst({
      where: { id: visitorId, site: { workspaceId: admin.workspaceId } },
      select: { id: true, siteId: true, externalId: true },
    });
    if (!visitor) throw new ActionError('not_found', 'No such visitor');
    const erased = await eraseVisitors(tx, visitor.siteId, [visitor.id]);
    const { conversationIds } = erased;
    // Written after the erasure, which deletes every job naming the visitor.
    if (await siteWantsWebhook(visitor.siteId, 'visitor.deleted')) {
      await writeWebhookEvent(tx, visitor.siteId, 'visitor.deleted', {
        visitor: { id: visitor.id, externalId: visitor.externalId },
        conversationIds,
      });
    }
    const deleted: VisitorDeleted = {
      visitorId: visitor.id,
      conversations: conversationIds.length,
      messages: erased.messages,
      trainingExamples: erased.trainingExamples,
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
          webhookDeliveries: erased.webhookDeliveries,
        },
      },
      tx,
    );
    return { deleted, conversationIds };
  });
  nudgeJobs();
  announce('visitor.deleted', { workspaceId: admin.workspaceId, visitorId, conversationIds });
  return deleted;
}

import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { StoredBotStateSchema } from '@/lib/schemas/bot-state';
import { ChoiceSchema, CitationSchema } from '@/lib/schemas/message';
import { VisitorExportSchema, type VisitorExport } from '@/lib/schemas/visitor';
import { assertAdmin, type Admin } from '@/lib/sites/workspace-site';
import { deliveriesMentioning } from './webhook-mentions';

const StoredChoices = ChoiceSchema.array().catch([]);
const StoredCitations = CitationSchema.array().catch([]);

/**
 * An admin exports everything stored about a visitor (their right of access): identity, every
 * conversation with its messages, notes, rating and what the bot collected, the training
 * examples made from their words, and where webhooks sent their data. Audited without the data.
 */
export async function exportVisitorData(admin: Admin, visitorId: string): Promise<VisitorExport> {
  assertAdmin(admin);
  const visitor = await db().visitor.findFirst({
    where: { id: visitorId, site: { workspaceId: admin.workspaceId } },
    include: {
      conversations: {
        orderBy: { createdAt: 'asc' },
        include: {
          messages: {
            orderBy: { seq: 'asc' },
            include: { author: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!visitor) throw new ActionError('not_found', 'No such visitor');
  const messageIds = visitor.conversations.flatMap((c) => c.messages.map((m) => m.id));
  const examples = await db().trainingExample.findMany({
    where: { messageId: { in: messageIds }, intent: { siteId: visitor.siteId } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, text: true, createdAt: true, intent: { select: { name: true } } },
  });
  const deliveries = await db().$queryRaw<VisitorExport['webhookDeliveries']>`
    SELECT e.url AS "endpointUrl", d.type, d.status::text AS status, d."createdAt"
    FROM "WebhookDelivery" d, "WebhookEndpoint" e
    WHERE ${deliveriesMentioning(visitor.siteId, [visitor.id, ...visitor.conversations.map((c) => c.id)])}
    ORDER BY d."createdAt"`;
  const data: VisitorExport = {
    exportedAt: new Date(),
    visitor: {
      id: visitor.id,
      siteId: visitor.siteId,
      externalId: visitor.externalId,
      name: visitor.name,
      email: visitor.email,
      identityVerified: visitor.identityVerified,
      browser: visitor.browser,
      language: visitor.language,
      currentUrl: visitor.currentUrl,
      firstSeenAt: visitor.firstSeenAt,
      lastSeenAt: visitor.lastSeenAt,
    },
    conversations: visitor.conversations.map((conversation) => ({
      id: conversation.id,
      status: conversation.status,
      createdAt: conversation.createdAt,
      resolvedAt: conversation.resolvedAt,
      contactEmail: conversation.contactEmail,
      handoffReason: conversation.handoffReason,
      rating:
        conversation.csatScore === null
          ? null
          : { score: conversation.csatScore, comment: conversation.csatComment },
      botState: StoredBotStateSchema.parse(conversation.botState),
      messages: conversation.messages.map((message) => ({
        id: message.id,
        seq: message.seq,
        sender: message.sender,
        authorName: message.author?.name ?? null,
        body: message.body,
        isPrivate: message.isPrivate,
        choices: StoredChoices.parse(message.choices),
        citations: StoredCitations.parse(message.citations ?? []),
        reviewState: message.reviewState,
        createdAt: message.createdAt,
      })),
    })),
    trainingExamples: examples.map((example) => ({
      id: example.id,
      intent: example.intent.name,
      text: example.text,
      createdAt: example.createdAt,
    })),
    webhookDeliveries: deliveries,
  };
  await recordAuditEvent({
    workspaceId: admin.workspaceId,
    actorId: admin.userId,
    action: 'visitor.exported',
    target: `visitor:${visitor.id}`,
    details: {
      siteId: visitor.siteId,
      conversations: data.conversations.length,
      messages: messageIds.length,
    },
  });
  // Checked against the published shape, so the file never carries more than it documents.
  return VisitorExportSchema.parse(data);
}

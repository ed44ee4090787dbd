import { db } from '@/lib/db';
import type { VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';

/** The visitor's latest conversation that is not resolved. */
export function findActiveConversation(visitor: VisitorActor): Promise<ConversationRecord | null> {
  return loadConversation(
    { siteId: visitor.siteId, visitorId: visitor.visitorId, status: { not: 'resolved' } },
    { createdAt: 'desc' },
  );
}

/** The visitor's active conversation, started (with the bot) when there is none. */
export async function findOrStartConversation(visitor: VisitorActor): Promise<ConversationRecord> {
  const active = await findActiveConversation(visitor);
  if (active) return active;
  const startedId = await db().$transaction(async (tx) => {
    // Two tabs may send their first message at once: one conversation, not two.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${visitor.visitorId}))`;
    const existing = await tx.conversation.findFirst({
      where: { visitorId: visitor.visitorId, status: { not: 'resolved' } },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
    const created = await tx.conversation.create({
      data: { siteId: visitor.siteId, visitorId: visitor.visitorId, status: 'bot' },
      select: { id: true },
    });
    return { id: created.id, created: true };
  });
  const conversation = await loadConversation({ id: startedId.id });
  if (!conversation) throw new Error(`Conversation ${startedId.id} vanished after it was started`);
  if (startedId.created) announce('conversation.created', { conversation });
  return conversation;
}

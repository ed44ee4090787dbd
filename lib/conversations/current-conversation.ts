import { db } from '@/lib/db';
import type { VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';

// Each visitor message needs the visitor's active conversation; storing re-checks that it is still
// active (storeMessage's 'active' condition), so a stale entry costs one retry, never a misfiled message.
const activeByVisitor = new Map<string, ConversationRecord>();
const CACHE_LIMIT = 50_000;

/** The visitor's latest conversation that is not resolved. */
export async function findActiveConversation(
  visitor: VisitorActor,
  { cached = false } = {},
): Promise<ConversationRecord | null> {
  const known = cached ? activeByVisitor.get(visitor.visitorId) : undefined;
  if (known) return known;
  const conversation = await loadConversation(
    { siteId: visitor.siteId, visitorId: visitor.visitorId, status: { not: 'resolved' } },
    { createdAt: 'desc' },
  );
  rememberActiveConversation(visitor.visitorId, conversation);
  return conversation;
}

export function rememberActiveConversation(visitorId: string, conversation: ConversationRecord | null): void {
  if (!conversation || conversation.status === 'resolved') {
    activeByVisitor.delete(visitorId);
    return;
  }
  if (activeByVisitor.size >= CACHE_LIMIT) activeByVisitor.clear();
  activeByVisitor.set(visitorId, conversation);
}

/** The visitor's active conversation, started (with the bot) when there is none. */
export async function findOrStartConversation(visitor: VisitorActor): Promise<ConversationRecord> {
  const active = await findActiveConversation(visitor);
  if (active) return active;
  const started = await db().$transaction(async (tx) => {
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
  const conversation = await loadConversation({ id: started.id });
  if (!conversation) throw new Error(`Conversation ${started.id} vanished after it was started`);
  rememberActiveConversation(visitor.visitorId, conversation);
  if (started.created) announce('conversation.created', { conversation });
  return conversation;
}

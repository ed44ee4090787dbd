import { randomUUID } from 'node:crypto';
import type { Conversation } from '@/lib/db';
import type { VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';
import { findSite } from './sites';
import { changeWithWebhookEvent, conversationEventData } from './webhook-outbox';

// Each visitor message needs the visitor's active conversation; storing re-checks that it is still
// active (storeMessage's 'active' condition), so a stale entry costs one retry, never a misfiled message.
const activeByVisitor = new Map<string, ConversationRecord>();
const CACHE_LIMIT = 50_000;

/** The visitor's latest conversation that is not resolved. */
export async function findActiveConversation(
  visitor: VisitorActor,
): Promise<ConversationRecord | null> {
  const conversation = await loadConversation(
    { siteId: visitor.siteId, visitorId: visitor.visitorId, status: { not: 'resolved' } },
    { createdAt: 'desc' },
  );
  rememberActiveConversation(visitor.visitorId, conversation);
  return conversation;
}

/** The visitor's active conversation as this node last saw it; storeMessage re-checks it. */
export function rememberedActiveConversation(visitor: VisitorActor): ConversationRecord | null {
  return activeByVisitor.get(visitor.visitorId) ?? null;
}

export function rememberActiveConversation(
  visitorId: string,
  conversation: ConversationRecord | null,
): void {
  if (!conversation || conversation.status === 'resolved') {
    activeByVisitor.delete(visitorId);
    return;
  }
  if (activeByVisitor.size >= CACHE_LIMIT) activeByVisitor.clear();
  activeByVisitor.set(visitorId, conversation);
}

/** The visitor's active conversation, started (with the bot) when there is none. */
export async function findOrStartConversation(visitor: VisitorActor): Promise<ConversationRecord> {
  return (await findActiveConversation(visitor)) ?? startConversation(visitor);
}

/** Starts a conversation with the bot, unless one became active meanwhile (then that one). */
export async function startConversation(visitor: VisitorActor): Promise<ConversationRecord> {
  const started =
    (await insertConversation(visitor, null)) ??
    (await findActiveConversation(visitor)) ??
    // The numbered id was taken by a conversation that moved to another visitor (identify).
    (await insertConversation(visitor, `${visitor.visitorId}-${randomUUID().slice(0, 8)}`)) ??
    (await findActiveConversation(visitor));
  if (!started)
    throw new Error(`No conversation could be started for visitor ${visitor.visitorId}`);
  return started;
}

/**
 * Inserts a conversation unless the visitor has an active one. Its id is the visitor's and the
 * number of conversations they had, read in the same snapshot as "no active one": two tabs
 * starting at once pick the same id and the primary key keeps one. No lock, one round trip.
 */
async function insertConversation(
  visitor: VisitorActor,
  id: string | null,
): Promise<ConversationRecord | null> {
  const conversation = await changeWithWebhookEvent(
    visitor.siteId,
    'conversation.created',
    async (client) => {
      const [row] = await client.$queryRaw<Conversation[]>`
    WITH mine AS (
      SELECT "status" FROM "Conversation" WHERE "visitorId" = ${visitor.visitorId}
    )
    INSERT INTO "Conversation" ("id", "siteId", "visitorId", "status", "createdAt", "lastMessageAt", "updatedAt")
    SELECT coalesce(${id}, ${visitor.visitorId} || '-c' || ((SELECT count(*) FROM mine) + 1)), ${visitor.siteId},
      ${visitor.visitorId}, 'bot', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    WHERE NOT EXISTS (SELECT 1 FROM mine WHERE "status" <> 'resolved')
    ON CONFLICT ("id") DO NOTHING
    RETURNING *`;
      if (!row) return null;
      const [visitorRow, site] = await Promise.all([
        client.visitor.findUniqueOrThrow({ where: { id: visitor.visitorId } }),
        findSite(visitor.siteId),
      ]);
      if (!site) throw new Error(`Site ${visitor.siteId} vanished`);
      return { ...row, visitor: visitorRow, workspaceId: site.workspaceId };
    },
    (created) => created && conversationEventData(created),
  );
  if (!conversation) return null;
  rememberActiveConversation(visitor.visitorId, conversation);
  announce('conversation.created', { conversation });
  return conversation;
}

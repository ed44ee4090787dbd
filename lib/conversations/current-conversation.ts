import { randomUUID } from 'node:crypto';
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
  // The new conversation's id is the visitor's and the number of conversations they had, read in
  // the same snapshot as "no active one": two tabs starting at once pick the same id and the
  // primary key keeps one. No lock, no transaction, one round trip.
  let started = await insertConversation(visitor, null);
  let conversation = await findActiveConversation(visitor);
  if (!conversation) {
    // The numbered id was taken by a conversation that moved to another visitor (identify).
    started = await insertConversation(visitor, `${visitor.visitorId}-${randomUUID().slice(0, 8)}`);
    conversation = await findActiveConversation(visitor);
  }
  if (!conversation)
    throw new Error(`No conversation could be started for visitor ${visitor.visitorId}`);
  if (started) announce('conversation.created', { conversation });
  return conversation;
}

/** Inserts a conversation unless the visitor has an active one; true when this call inserted it. */
async function insertConversation(visitor: VisitorActor, id: string | null): Promise<boolean> {
  const inserted = await db().$queryRaw<{ id: string }[]>`
    WITH mine AS (
      SELECT "status" FROM "Conversation" WHERE "visitorId" = ${visitor.visitorId}
    )
    INSERT INTO "Conversation" ("id", "siteId", "visitorId", "status", "createdAt", "lastMessageAt", "updatedAt")
    SELECT coalesce(${id}, ${visitor.visitorId} || '-c' || ((SELECT count(*) FROM mine) + 1)), ${visitor.siteId},
      ${visitor.visitorId}, 'bot', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    WHERE NOT EXISTS (SELECT 1 FROM mine WHERE "status" <> 'resolved')
    ON CONFLICT ("id") DO NOTHING
    RETURNING "id"`;
  return inserted.length > 0;
}

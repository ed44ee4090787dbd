import { db } from '@/lib/db';
import { Language } from '@/lib/nlp';
import type { ReviewGroup, ReviewItem } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';
import { groupReviewItems } from './group-review-items';

const QUEUE_LIMIT = 300;

/**
 * Visitor messages the bot was unsure about (fallback, clarification, handoff), newest first,
 * grouped by similarity, with what the bot made of each. Walks the (reviewState, createdAt) index
 * and keeps the workspace's, so a long queue costs no more than a short one.
 */
export async function listReviewQueue(
  agent: AgentActor,
): Promise<{ groups: ReviewGroup[]; total: number }> {
  const sites = await db().site.findMany({
    where: { workspaceId: agent.workspaceId },
    select: { id: true, language: true },
  });
  const rows = await db().$queryRaw<(Omit<ReviewItem, 'createdAt'> & { createdAt: Date })[]>`
    SELECT m.id AS "messageId", m."conversationId", c."siteId", m.body, m."createdAt",
      reply.intent AS "botIntent", reply.confidence AS "botConfidence"
    FROM "Message" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    LEFT JOIN LATERAL (
      SELECT b.intent, b.confidence FROM "Message" b
      WHERE b."conversationId" = m."conversationId" AND b.seq > m.seq AND b.sender = 'bot'
      ORDER BY b.seq LIMIT 1
    ) reply ON true
    WHERE m."reviewState" = 'pending' AND m.sender = 'visitor' AND c."siteId" = ANY(${sites.map((site) => site.id)})
    ORDER BY m."createdAt" DESC
    LIMIT ${QUEUE_LIMIT}`;
  const languages = new Map(
    sites.map((site) => [site.id, Language.catch('en').parse(site.language)]),
  );
  const items: ReviewItem[] = rows.map(({ createdAt, ...item }) => ({
    ...item,
    createdAt: createdAt.toISOString(),
  }));
  return {
    groups: groupReviewItems(items, (siteId) => languages.get(siteId) ?? 'en'),
    total: items.length,
  };
}

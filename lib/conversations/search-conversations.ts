import { db } from '@/lib/db';
import { ConversationSearchRequestSchema, type ConversationSearchHit } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';
import { toAgentConversation } from './views';

const MAX_TERMS = 8;

/**
 * Full-text search over every message of the workspace (notes included), newest matching
 * conversation first. Words match by prefix, so "refu" finds "refund".
 */
export async function searchConversations(
  agent: AgentActor,
  input: unknown,
): Promise<{ hits: ConversationSearchHit[] }> {
  const { query, limit } = ConversationSearchRequestSchema.parse(input);
  const tsquery = toPrefixQuery(query);
  if (!tsquery) return { hits: [] };

  // The GIN index on to_tsvector('simple', body) finds the messages; the newest per conversation wins.
  const matches = await db().$queryRaw<
    { messageId: string; conversationId: string; seq: number; snippet: string }[]
  >`
    WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
    hits AS (
      SELECT DISTINCT ON (m."conversationId") m.id, m."conversationId", m.seq, m.body, m."createdAt"
      FROM "Message" m
      JOIN "Conversation" c ON c.id = m."conversationId"
      JOIN "Site" s ON s.id = c."siteId"
      CROSS JOIN q
      WHERE to_tsvector('simple', m.body) @@ q.query AND s."workspaceId" = ${agent.workspaceId}
      ORDER BY m."conversationId", m."createdAt" DESC
    )
    SELECT h.id AS "messageId", h."conversationId", h.seq,
      ts_headline('simple', h.body, q.query,
        'StartSel=«, StopSel=», MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1') AS snippet
    FROM hits h CROSS JOIN q
    ORDER BY h."createdAt" DESC
    LIMIT ${limit}`;
  if (matches.length === 0) return { hits: [] };

  const conversations = await db().conversation.findMany({
    where: { id: { in: matches.map((match) => match.conversationId) } },
    include: {
      visitor: true,
      messages: { where: { isPrivate: false }, orderBy: { seq: 'desc' }, take: 1, select: { body: true } },
    },
  });
  const byId = new Map(conversations.map((conversation) => [conversation.id, conversation]));
  return {
    hits: matches.flatMap((match) => {
      const row = byId.get(match.conversationId);
      if (!row) return [];
      const { messages, ...conversation } = row;
      return [
        {
          conversation: toAgentConversation(
            { ...conversation, workspaceId: agent.workspaceId },
            messages[0]?.body ?? null,
          ),
          messageId: match.messageId,
          seq: match.seq,
          snippet: match.snippet,
        },
      ];
    }),
  };
}

/** Words of the query as an AND of prefix terms; only letters and digits reach the tsquery syntax. */
export function toPrefixQuery(query: string): string | null {
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
  return terms.length ? terms.map((term) => `${term}:*`).join(' & ') : null;
}


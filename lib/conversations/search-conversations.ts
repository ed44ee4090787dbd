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

  // Matching goes through the GIN index on to_tsvector('simple', body) first (MATERIALIZED keeps the
  // planner from walking every conversation of the workspace instead); the newest match per
  // conversation wins; snippets are made for the page only.
  const matches = await db().$queryRaw<
    { messageId: string; conversationId: string; seq: number; snippet: string }[]
  >`
    WITH matched AS MATERIALIZED (
      SELECT m.id, m."conversationId", m.seq, m.body, m."createdAt"
      FROM "Message" m
      WHERE to_tsvector('simple', m.body) @@ to_tsquery('simple', ${tsquery})
    ),
    newest AS (
      SELECT DISTINCT ON (x."conversationId") x.id, x."conversationId", x.seq, x.body, x."createdAt"
      FROM matched x
      JOIN "Conversation" c ON c.id = x."conversationId"
      WHERE c."siteId" IN (SELECT id FROM "Site" WHERE "workspaceId" = ${agent.workspaceId})
      ORDER BY x."conversationId", x."createdAt" DESC
    ),
    page AS (SELECT * FROM newest ORDER BY "createdAt" DESC LIMIT ${limit})
    SELECT p.id AS "messageId", p."conversationId", p.seq,
      ts_headline('simple', p.body, to_tsquery('simple', ${tsquery}),
        'StartSel=«, StopSel=», MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1') AS snippet
    FROM page p
    ORDER BY p."createdAt" DESC`;
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


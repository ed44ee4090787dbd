import { db } from '@/lib/db';
import { ConversationSearchRequestSchema, type ConversationSearchHit } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';
import { toAgentConversation } from './views';
import { workspaceSiteIds } from './workspace-sites';

/** From this many matching messages on, a word counts as common (see below). */
const COMMON = 1000;
/** How many of the most recent conversations the common-word search looks through. */
const RECENT_CONVERSATIONS = 5000;

interface Match {
  messageId: string;
  conversationId: string;
  seq: number;
  snippet: string;
}

/**
 * Full-text search over every message of the workspace (notes included), most recently active
 * conversation first. Words match by prefix ("refu" finds "refund"), tokenized by Postgres itself, so
 * an order number like "JN-000123" matches as it was written.
 *
 * A rare word is found through the GIN index on to_tsvector('simple', body), then ordered. A common
 * word matches too many messages for that to be cheap, so the most recent conversations are walked
 * instead until a page is full; when that falls short, the index search runs after all.
 */
export async function searchConversations(
  agent: AgentActor,
  input: unknown,
): Promise<{ hits: ConversationSearchHit[] }> {
  const { query, limit } = ConversationSearchRequestSchema.parse(input);
  const [{ tsquery }] = await db().$queryRaw<{ tsquery: string | null }[]>`
    SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' & ') AS tsquery
    FROM unnest(to_tsvector('simple', ${query}))`;
  if (!tsquery) return { hits: [] };
  const siteIds = await workspaceSiteIds(agent.workspaceId);

  const matching = await countMatches(siteIds, tsquery);
  let matches: Match[] = [];
  if (matching >= COMMON) matches = await searchRecent(siteIds, tsquery, limit);
  if (matches.length < limit && matching > 0)
    matches = await searchIndexed(siteIds, tsquery, limit);
  if (matches.length === 0) return { hits: [] };

  const conversations = await db().conversation.findMany({
    where: { id: { in: matches.map((match) => match.conversationId) } },
    include: {
      visitor: true,
      messages: {
        where: { isPrivate: false },
        orderBy: { seq: 'desc' },
        take: 1,
        select: { body: true },
      },
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

/** Matching messages of these sites, up to COMMON; other workspaces' messages never count (nor take time). */
export async function countMatches(siteIds: string[], tsquery: string): Promise<number> {
  const [{ matching }] = await db().$queryRaw<{ matching: number }[]>`
    SELECT count(*)::int AS matching FROM (
      SELECT 1 FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE to_tsvector('simple', m.body) @@ to_tsquery('simple', ${tsquery})
        AND c."siteId" = ANY(${siteIds})
      LIMIT ${COMMON}
    ) probe`;
  return matching;
}

const HEADLINE = 'StartSel=«, StopSel=», MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1';

/**
 * Common words: the newest conversations first (each site read off its (siteId, lastMessageAt) index),
 * each checked for its latest matching message, until the page is full.
 */
function searchRecent(siteIds: string[], tsquery: string, limit: number): Promise<Match[]> {
  return db().$queryRaw<Match[]>`
    SELECT hit.id AS "messageId", c.id AS "conversationId", hit.seq,
      ts_headline('simple', hit.body, to_tsquery('simple', ${tsquery}), ${HEADLINE}) AS snippet
    FROM (
      SELECT recent.id, recent."lastMessageAt"
      FROM unnest(${siteIds}::text[]) AS site(id)
      CROSS JOIN LATERAL (
        SELECT id, "lastMessageAt" FROM "Conversation" WHERE "siteId" = site.id
        ORDER BY "lastMessageAt" DESC LIMIT ${RECENT_CONVERSATIONS}
      ) recent
      ORDER BY recent."lastMessageAt" DESC LIMIT ${RECENT_CONVERSATIONS}
    ) c
    CROSS JOIN LATERAL (
      SELECT m.id, m.seq, m.body FROM "Message" m
      WHERE m."conversationId" = c.id AND to_tsvector('simple', m.body) @@ to_tsquery('simple', ${tsquery})
      ORDER BY m.seq DESC LIMIT 1
    ) hit
    ORDER BY c."lastMessageAt" DESC
    LIMIT ${limit}`;
}

/**
 * Rare words: every match through the GIN index (MATERIALIZED keeps the planner from walking the
 * workspace's conversations instead), the latest per conversation, snippets for the page only.
 */
function searchIndexed(siteIds: string[], tsquery: string, limit: number): Promise<Match[]> {
  return db().$queryRaw<Match[]>`
    WITH matched AS MATERIALIZED (
      SELECT m.id, m."conversationId", m.seq, m.body
      FROM "Message" m
      WHERE to_tsvector('simple', m.body) @@ to_tsquery('simple', ${tsquery})
    ),
    latest AS (
      SELECT DISTINCT ON (x."conversationId") x.id, x."conversationId", x.seq, x.body, c."lastMessageAt"
      FROM matched x
      JOIN "Conversation" c ON c.id = x."conversationId"
      WHERE c."siteId" = ANY(${siteIds})
      ORDER BY x."conversationId", x.seq DESC
    ),
    page AS (SELECT * FROM latest ORDER BY "lastMessageAt" DESC, "conversationId" LIMIT ${limit})
    SELECT p.id AS "messageId", p."conversationId", p.seq,
      ts_headline('simple', p.body, to_tsquery('simple', ${tsquery}), ${HEADLINE}) AS snippet
    FROM page p
    ORDER BY p."lastMessageAt" DESC, p."conversationId"`;
}

import { randomUUID } from 'node:crypto';
import { preparedQuery, type Conversation, type Visitor } from '@/lib/db';
import type { VisitorActor } from './actors';
import { announce } from './events';
import { loadConversation, type ConversationRecord } from './records';
import { findSite } from './sites';
import { StatementBatcher } from './store-batch';
import { changeWithWebhookEvent, conversationEventData, siteWantsWebhook } from './webhook-outbox';

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

/** The visitor row beside a conversation, its columns prefixed `v_`. */
const VISITOR_COLUMNS = [
  'siteId',
  'externalId',
  'name',
  'email',
  'identityVerified',
  'browser',
  'language',
  'currentUrl',
  'firstSeenAt',
  'lastSeenAt',
]
  .map((column) => `v."${column}" AS "v_${column}"`)
  .join(', ');

/**
 * Inserts the visitor's first conversation (numbered as insertConversation does: `<visitor>-c1`)
 * for the rows `rest` (its FROM and WHERE) keeps, unless it exists.
 */
const startFirstConversation = (visitor: string, site: string, rest: string) => `
    INSERT INTO "Conversation" ("id", "siteId", "visitorId", "status", "createdAt", "lastMessageAt", "updatedAt")
    SELECT ${visitor} || '-c1', ${site}, ${visitor}, 'bot', now() AT TIME ZONE 'UTC',
      now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    ${rest}
    ON CONFLICT ("id") DO NOTHING
    RETURNING *`;

/**
 * What `latest` found or `started` inserted, with the visitor row, by primary key (LIMIT keeps the
 * planner from making it a join): the generic plan of a join on a never-analyzed table read every
 * visitor for each statement (autovacuum analyzes a new table after a minute at the soonest).
 */
const FOUND_WITH_VISITOR = `found AS (
    SELECT *, false AS "s_started" FROM latest UNION ALL SELECT *, true FROM started
  )
  SELECT found.*, ${VISITOR_COLUMNS}
  FROM found CROSS JOIN LATERAL (
    SELECT * FROM "Visitor" WHERE "id" = found."visitorId" LIMIT 1) v`;

/**
 * A visitor's latest conversation, by the (visitorId, createdAt) index; the caller checks its site.
 * With the site in the same WHERE, the generic plan of a never-analyzed table also read the
 * site's index, every conversation of the site for each visitor (1.4 ms each at 4,000).
 */
const VISITORS_LATEST = (visitor: string) => `
    SELECT * FROM "Conversation" WHERE "visitorId" = ${visitor} ORDER BY "createdAt" DESC LIMIT 1`;

// $1 visitor, $2 site, $3 may start the visitor's first conversation. The visitor's latest
// conversation with the visitor row, or, for a visitor who never had one, their first, inserted in
// the same statement.
export const LATEST_CONVERSATION = `
  WITH latest AS (
    SELECT * FROM (${VISITORS_LATEST('$1::text')}) c WHERE "siteId" = $2::text
  ), started AS (${startFirstConversation(
    '$1::text',
    '$2::text',
    `WHERE $3::boolean AND NOT EXISTS (SELECT 1 FROM "Conversation" WHERE "visitorId" = $1::text)`,
  )}
  ), ${FOUND_WITH_VISITOR}`;

/**
 * LATEST_CONVERSATION for many visitors at once (store-batch.ts: the first messages of visitors
 * arriving together): $1 visitors, $2 their sites, $3 whether each may start their first
 * conversation; one row per visitor who has or got a conversation.
 */
export const LATEST_CONVERSATIONS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) AS i("visitorId", "siteId", "mayStart")
  ), latest AS (
    SELECT c.* FROM input i CROSS JOIN LATERAL (${VISITORS_LATEST('i."visitorId"')}) c
    WHERE c."siteId" = i."siteId"
  ), started AS (${startFirstConversation(
    'i."visitorId"',
    'i."siteId"',
    `FROM input i
    WHERE i."mayStart" AND NOT EXISTS (SELECT 1 FROM "Conversation" WHERE "visitorId" = i."visitorId")`,
  )}
  ), ${FOUND_WITH_VISITOR}`;

// On globalThis: server.ts and Next's bundle are two module graphs in one process.
const globalForLatest = globalThis as unknown as { hearthLatestBatcher?: StatementBatcher };
const latestBatcher = () =>
  (globalForLatest.hearthLatestBatcher ??= new StatementBatcher(
    'latest-conversations',
    LATEST_CONVERSATIONS,
    [],
    'visitorId',
  ));

type LatestRow = Conversation & { s_started: boolean } & {
  [K in Exclude<keyof Visitor, 'id'> as `v_${K}`]: Visitor[K];
};

/**
 * The visitor's latest conversation (resolved or not), as loadConversation reads it, in one
 * statement; a visitor who never had one gets their first, started with the bot in the same
 * statement (`started`), unless the site's webhooks want `conversation.created` (that event
 * commits with the conversation: startConversation). A visitor's first message so costs two
 * statements, not five (a Prisma read of the conversation and one of its visitor, the insert and
 * another read of the visitor, then the message).
 */
export async function latestConversation(
  visitor: VisitorActor,
): Promise<{ conversation: ConversationRecord | null; started: boolean }> {
  const site = await findSite(visitor.siteId);
  if (!site) return { conversation: null, started: false };
  const mayStart = !(await siteWantsWebhook(visitor.siteId, 'conversation.created'));
  const values = [visitor.visitorId, visitor.siteId, mayStart];
  // Visitors' first messages arriving together share one statement (one commit).
  const [row] = (await latestBatcher().store({
    conversationId: visitor.visitorId,
    id: visitor.visitorId,
    columns: values,
    alone: () => preparedQuery<LatestRow>('latest-conversation', LATEST_CONVERSATION, values),
  })) as LatestRow[];
  if (!row) return { conversation: null, started: false };
  const {
    s_started: started,
    v_siteId: siteId,
    v_externalId: externalId,
    v_name: name,
    v_email: email,
    v_identityVerified: identityVerified,
    v_browser: browser,
    v_language: language,
    v_currentUrl: currentUrl,
    v_firstSeenAt: firstSeenAt,
    v_lastSeenAt: lastSeenAt,
    ...conversation
  } = row;
  const record: ConversationRecord = {
    ...conversation,
    visitor: {
      id: conversation.visitorId,
      siteId,
      externalId,
      name,
      email,
      identityVerified,
      browser,
      language,
      currentUrl,
      firstSeenAt,
      lastSeenAt,
    },
    workspaceId: site.workspaceId,
  };
  if (started) {
    rememberActiveConversation(visitor.visitorId, record);
    announce('conversation.created', { conversation: record });
  }
  return { conversation: record, started };
}

import { db, Prisma } from '@/lib/db';
import type { ConversationView } from '@/lib/schemas/events';

interface ViewQuery {
  where: Prisma.Sql;
  /** Sort key columns, selected as k1…kn. */
  key: Prisma.Sql;
  order: Prisma.Sql;
  /** The key of the row after which the next page starts, compared with `after`. */
  after: (cursor: string) => Prisma.Sql;
}

const byActivity = (where: Prisma.Sql): ViewQuery => ({
  where,
  key: Prisma.sql`c."lastMessageAt" AS k1, c.id AS k2`,
  order: Prisma.sql`k1 DESC, k2 DESC`,
  after: (cursor) =>
    Prisma.sql`AND (c."lastMessageAt", c.id) < (SELECT "lastMessageAt", id FROM "Conversation" WHERE id = ${cursor})`,
});

// Unassigned first, then whoever has waited longest; never-handed-off conversations (an agent stepped
// in) wait "forever", so they come last. The partial index *_needs_human_order has this order.
const WAITING_KEY = Prisma.sql`(c."assigneeId" IS NOT NULL), coalesce(c."waitingSince", 'infinity'::timestamp), c.id`;

function viewQuery(view: ConversationView, userId: string): ViewQuery {
  switch (view) {
    case 'needs_human':
      return {
        where: Prisma.sql`c.status = 'open'`,
        key: Prisma.sql`(c."assigneeId" IS NOT NULL) AS k1, coalesce(c."waitingSince", 'infinity'::timestamp) AS k2, c.id AS k3`,
        order: Prisma.sql`k1, k2, k3`,
        after: (cursor) =>
          Prisma.sql`AND (${WAITING_KEY}) > (SELECT ${WAITING_KEY} FROM "Conversation" c WHERE c.id = ${cursor})`,
      };
    case 'mine':
      return byActivity(Prisma.sql`c."assigneeId" = ${userId} AND c.status IN ('open', 'pending')`);
    case 'open':
      return byActivity(Prisma.sql`c.status IN ('open', 'pending')`);
    case 'bot':
      return byActivity(Prisma.sql`c.status = 'bot'`);
    case 'resolved':
      return byActivity(Prisma.sql`c.status = 'resolved'`);
    case 'all':
      return byActivity(Prisma.sql`true`);
  }
}

/**
 * The ids of one page of an inbox view, in the view's order. `cursor` is the last id of the previous
 * page; the next page starts after it (keyset pagination, stable while conversations move).
 *
 * Each site of the workspace is read separately, straight off its (siteId, …) index in the view's
 * order, and only then merged: so a page costs about the same with 100 or 100,000 conversations.
 */
export async function inboxPage(
  view: ConversationView,
  options: { userId: string; siteIds: string[]; cursor?: string; take: number },
): Promise<string[]> {
  const query = viewQuery(view, options.userId);
  const after = options.cursor ? query.after(options.cursor) : Prisma.empty;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT page.k_id AS id
    FROM unnest(${options.siteIds}::text[]) AS site(id)
    CROSS JOIN LATERAL (
      SELECT c.id AS k_id, ${query.key}
      FROM "Conversation" c
      WHERE c."siteId" = site.id AND ${query.where} ${after}
      ORDER BY ${query.order}
      LIMIT ${options.take}
    ) page
    ORDER BY ${query.order}
    LIMIT ${options.take}`;
  return rows.map((row) => row.id);
}

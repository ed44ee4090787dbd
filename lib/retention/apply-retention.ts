import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { eraseVisitors } from '@/lib/visitors';

const DAY_MS = 24 * 60 * 60_000;
/** Conversations deleted per statement, so a first run on a large site never holds long locks. */
const BATCH = 500;

export interface RetentionResult {
  siteId: string;
  /** Conversations deleted. */
  deleted: number;
  /** Visitors erased: nothing of theirs was left within the period. */
  visitors: number;
}

/**
 * Deletes, on every site with a retention setting, the conversations with no message for longer
 * than its `retentionDays`: their messages (review items and the search index are messages),
 * bot turns and ratings go with them. A visitor not seen for that long and left with no newer
 * conversation is erased as the data-rights delete erases one (identity, training examples from
 * their words, webhook deliveries). Each site's counts are audited.
 */
export async function applyRetention(
  now = new Date(),
  signal?: AbortSignal,
): Promise<RetentionResult[]> {
  const sites = await db().site.findMany({
    where: { retentionDays: { not: null } },
    select: { id: true, workspaceId: true, retentionDays: true },
  });
  const results: RetentionResult[] = [];
  for (const site of sites) {
    const before = new Date(now.getTime() - site.retentionDays! * DAY_MS);
    let deleted = 0;
    let visitors = 0;
    for (;;) {
      signal?.throwIfAborted();
      const erased = await db().$transaction(async (tx) => {
        const expired = await tx.visitor.findMany({
          where: {
            siteId: site.id,
            lastSeenAt: { lt: before },
            conversations: { none: { lastMessageAt: { gte: before } } },
          },
          select: { id: true },
          take: BATCH,
        });
        const ids = expired.map((visitor) => visitor.id);
        return { ids, ...(await eraseVisitors(tx, site.id, ids)) };
      });
      if (!erased.ids.length) break;
      visitors += erased.ids.length;
      deleted += erased.conversationIds.length;
    }
    // Visitors seen within the period keep their newer conversations; their old ones go.
    for (;;) {
      signal?.throwIfAborted();
      const old = await db().conversation.findMany({
        where: { siteId: site.id, lastMessageAt: { lt: before } },
        select: { id: true },
        take: BATCH,
      });
      if (!old.length) break;
      const { count } = await db().conversation.deleteMany({
        // Checked again: a message may have arrived since.
        where: {
          id: { in: old.map((conversation) => conversation.id) },
          lastMessageAt: { lt: before },
        },
      });
      deleted += count;
    }
    if (deleted || visitors) {
      await recordAuditEvent({
        workspaceId: site.workspaceId,
        actorId: null,
        action: 'site.retention_applied',
        target: `site:${site.id}`,
        details: {
          retentionDays: site.retentionDays,
          before: before.toISOString(),
          deleted,
          visitors,
        },
      });
    }
    results.push({ siteId: site.id, deleted, visitors });
  }
  return results;
}

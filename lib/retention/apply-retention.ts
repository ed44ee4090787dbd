import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';

const DAY_MS = 24 * 60 * 60_000;
/** Conversations deleted per statement, so a first run on a large site never holds long locks. */
const BATCH = 500;

export interface RetentionResult {
  siteId: string;
  deleted: number;
}

/**
 * Deletes, on every site with a retention setting, the conversations with no message for longer
 * than its `retentionDays`: their messages (review items and the search index are messages),
 * bot turns and ratings go with them. Each site's count is audited.
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
    if (deleted) {
      await recordAuditEvent({
        workspaceId: site.workspaceId,
        actorId: null,
        action: 'site.retention_applied',
        target: `site:${site.id}`,
        details: { retentionDays: site.retentionDays, before: before.toISOString(), deleted },
      });
    }
    results.push({ siteId: site.id, deleted });
  }
  return results;
}

import { handoffKind } from '@/lib/bot/wording';
import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, SiteAnalytics } from '@/lib/schemas/analytics';
import { HUMAN_INVOLVED_SQL } from './human-involved';
import { rangeBounds } from './range';

/** Distinct stored reasons read before grouping by kind; more are rare enough to leave out. */
const REASONS_READ = 500;

/**
 * Why conversations went to a human, grouped by kind (an agent stepping in without a handoff has no
 * reason stored), most frequent first, each with the full reasons it stands for.
 */
export async function handoffReasons(
  siteId: string,
  range: AnalyticsRange,
  limit = 10,
): Promise<SiteAnalytics['handoffReasons']> {
  const { start, end } = rangeBounds(range);
  const rows = await db().$queryRaw<{ reason: string | null; count: number }[]>(Prisma.sql`
    select c."handoffReason" as reason, count(*)::int as count
    from "Conversation" c
    where c."siteId" = ${siteId} and c."createdAt" >= ${start} and c."createdAt" < ${end}
      and ${HUMAN_INVOLVED_SQL}
    group by 1 order by 2 desc limit ${REASONS_READ}`);
  const kinds = new Map<string, { count: number; texts: string[] }>();
  for (const { reason, count } of rows) {
    const kind = handoffKind(reason);
    const entry = kinds.get(kind) ?? { count: 0, texts: [] };
    entry.count += count;
    if (reason !== null) entry.texts.push(reason);
    kinds.set(kind, entry);
  }
  return [...kinds]
    .map(([reason, { count, texts }]) => ({ reason, count, texts }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
    .slice(0, limit);
}

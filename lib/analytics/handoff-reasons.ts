import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, SiteAnalytics } from '@/lib/schemas/analytics';
import { HUMAN_INVOLVED_SQL } from './human-involved';
import { rangeBounds } from './range';

/** Why conversations went to a human; an agent stepping in without a handoff has no reason stored. */
export async function handoffReasons(
  siteId: string,
  range: AnalyticsRange,
  limit = 10,
): Promise<SiteAnalytics['handoffReasons']> {
  const { start, end } = rangeBounds(range);
  return db().$queryRaw(Prisma.sql`
    select coalesce(c."handoffReason", 'An agent took over') as reason, count(*)::int as count
    from "Conversation" c
    where c."siteId" = ${siteId} and c."createdAt" >= ${start} and c."createdAt" < ${end}
      and ${HUMAN_INVOLVED_SQL}
    group by 1 order by 2 desc, 1 limit ${limit}`);
}

import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, SiteAnalytics } from '@/lib/schemas/analytics';
import { rangeBounds } from './range';

/**
 * Visitor messages the bot was unsure about (the ones sent to the review queue), grouped when they
 * differ only in case and spacing: the training data's blind spots.
 */
export async function topUnrecognized(
  siteId: string,
  range: AnalyticsRange,
  limit = 15,
): Promise<SiteAnalytics['topUnrecognized']> {
  const { start, end } = rangeBounds(range);
  return db().$queryRaw(Prisma.sql`
    select min(m.body) as text, count(*)::int as count
    from "Message" m join "Conversation" c on c.id = m."conversationId"
    where c."siteId" = ${siteId} and m.sender = 'visitor' and m."reviewState" is not null
      and m."createdAt" >= ${start} and m."createdAt" < ${end}
    group by lower(regexp_replace(btrim(m.body), '\\s+', ' ', 'g'))
    order by 2 desc, 1 limit ${limit}`);
}

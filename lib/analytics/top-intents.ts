import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, SiteAnalytics } from '@/lib/schemas/analytics';
import { rangeBounds } from './range';

/** The intents the bot answered most, from its messages in the range. */
export async function topIntents(
  siteId: string,
  range: AnalyticsRange,
  limit = 10,
): Promise<SiteAnalytics['topIntents']> {
  const { start, end } = rangeBounds(range);
  return db().$queryRaw(Prisma.sql`
    select m.intent, count(*)::int as count, avg(m.confidence)::float8 as "averageConfidence"
    from "Message" m join "Conversation" c on c.id = m."conversationId"
    where c."siteId" = ${siteId} and m.sender = 'bot' and m.intent is not null
      and m."createdAt" >= ${start} and m."createdAt" < ${end}
    group by 1 order by 2 desc, 1 limit ${limit}`);
}

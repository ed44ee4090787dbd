import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, DailyConversations } from '@/lib/schemas/analytics';
import { HUMAN_INVOLVED_SQL } from './human-involved';
import { daysOf, rangeBounds } from './range';

export async function conversationsPerDay(
  siteId: string,
  range: AnalyticsRange,
): Promise<DailyConversations[]> {
  const { start, end } = rangeBounds(range);
  const rows = await db().$queryRaw<DailyConversations[]>(Prisma.sql`
    select to_char(date_trunc('day', c."createdAt"), 'YYYY-MM-DD') as day,
      count(*)::int as conversations,
      (count(*) filter (where ${HUMAN_INVOLVED_SQL}))::int as "handedOff"
    from "Conversation" c
    where c."siteId" = ${siteId} and c."createdAt" >= ${start} and c."createdAt" < ${end}
    group by 1`);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return daysOf(range).map((day) => byDay.get(day) ?? { day, conversations: 0, handedOff: 0 });
}

import { db, Prisma } from '@/lib/db';
import type { AnalyticsRange, SiteAnalytics } from '@/lib/schemas/analytics';
import { HUMAN_INVOLVED_SQL } from './human-involved';
import { rangeBounds } from './range';

/**
 * Totals over the conversations started in the range. Resolved by the bot alone: no human took
 * part and the bot answered the visitor's last message (not abandoned after a fallback or a
 * "did you mean"). First response time runs from the handoff to
 * the agent's first reply; the handoff is the bot's last word before that reply (once handed over,
 * the bot stops answering), or the conversation's start when the bot never spoke.
 */
export async function conversationTotals(
  siteId: string,
  range: AnalyticsRange,
): Promise<SiteAnalytics['totals']> {
  const { start, end } = rangeBounds(range);
  const [row] = await db().$queryRaw<SiteAnalytics['totals'][]>(Prisma.sql`
    with scoped as (
      select c.id, c."createdAt", c."firstResponseAt", c."csatScore", ${HUMAN_INVOLVED_SQL} as human,
        -- The bot answered the visitor's last message when it did not go to the review queue.
        last_visitor.seq is not null and last_visitor."reviewState" is null as "lastAnswered"
      from "Conversation" c
      left join lateral (
        select v.seq, v."reviewState" from "Message" v
        where v."conversationId" = c.id and v.sender = 'visitor'
        order by v.seq desc limit 1
      ) last_visitor on true
      where c."siteId" = ${siteId} and c."createdAt" >= ${start} and c."createdAt" < ${end}
    ),
    responses as (
      select extract(epoch from s."firstResponseAt" - coalesce(handoff.at, s."createdAt")) as seconds
      from scoped s
      left join lateral (
        select max(m."createdAt") as at from "Message" m
        where m."conversationId" = s.id and m.sender in ('bot', 'system')
          and m."createdAt" <= s."firstResponseAt"
      ) handoff on true
      where s."firstResponseAt" is not null
    )
    select
      (select count(*)::int from scoped) as conversations,
      (select count(*)::int from scoped where not human and "lastAnswered") as "botResolved",
      (select count(*)::int from scoped where human) as "handedOff",
      (select percentile_cont(0.5) within group (order by seconds)::float8 from responses)
        as "medianFirstResponseSeconds",
      (select count(*)::int from scoped where "csatScore" is not null) as "csatResponses",
      (select count(*)::int from scoped where "csatScore" > 0) as "csatPositive"`);
  return row;
}

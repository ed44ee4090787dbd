import { AnalyticsRangeSchema, type SiteAnalytics } from '@/lib/schemas/analytics';
import { conversationTotals } from './conversation-totals';
import { conversationsPerDay } from './conversations-per-day';
import { handoffReasons } from './handoff-reasons';
import { topIntents } from './top-intents';
import { topUnrecognized } from './top-unrecognized';

/** Everything the analytics page shows for one site, each figure one SQL aggregate. */
export async function siteAnalytics(siteId: string, input: unknown): Promise<SiteAnalytics> {
  const range = AnalyticsRangeSchema.parse(input);
  const [totals, perDay, reasons, intents, unrecognized] = await Promise.all([
    conversationTotals(siteId, range),
    conversationsPerDay(siteId, range),
    handoffReasons(siteId, range),
    topIntents(siteId, range),
    topUnrecognized(siteId, range),
  ]);
  return {
    range,
    totals,
    perDay,
    handoffReasons: reasons,
    topIntents: intents,
    topUnrecognized: unrecognized,
  };
}

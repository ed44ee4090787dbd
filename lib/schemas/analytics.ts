import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-31');

/** A range of whole days (UTC), both ends included. */
export const AnalyticsRangeSchema = z
  .object({ from: day, to: day })
  .refine(({ from, to }) => from <= to, 'The range ends before it starts')
  .refine(
    ({ from, to }) => Date.parse(to) - Date.parse(from) <= 366 * 86_400_000,
    'Pick at most a year',
  );
export type AnalyticsRange = z.infer<typeof AnalyticsRangeSchema>;

export interface DailyConversations {
  day: string;
  conversations: number;
  handedOff: number;
}

export interface SiteAnalytics {
  range: AnalyticsRange;
  totals: {
    conversations: number;
    /** Conversations no human took part in, whose last visitor message the bot answered. */
    botResolved: number;
    handedOff: number;
    /** Median seconds from the handoff to the agent's first reply; null when none replied. */
    medianFirstResponseSeconds: number | null;
    csatResponses: number;
    csatPositive: number;
  };
  perDay: DailyConversations[];
  /** Grouped by kind ("Repeated fallbacks"); `texts` are the full reasons stored, for hover. */
  handoffReasons: { reason: string; count: number; texts: string[] }[];
  topIntents: { intent: string; count: number; averageConfidence: number | null }[];
  topUnrecognized: { text: string; count: number }[];
}

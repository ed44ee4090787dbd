import type { AnalyticsRange } from '@/lib/schemas/analytics';

const DAY_MS = 86_400_000;

/** The range as timestamps: from midnight UTC of the first day to midnight after the last. */
export function rangeBounds(range: AnalyticsRange): { start: Date; end: Date } {
  return {
    start: new Date(`${range.from}T00:00:00Z`),
    end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS),
  };
}

/** Every day of the range, so a chart shows quiet days as zero instead of skipping them. */
export function daysOf(range: AnalyticsRange): string[] {
  const { start, end } = rangeBounds(range);
  const days: string[] = [];
  for (let time = start.getTime(); time < end.getTime(); time += DAY_MS) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

/** The last `days` days up to today (UTC). */
export function recentRange(days: number, now = new Date()): AnalyticsRange {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

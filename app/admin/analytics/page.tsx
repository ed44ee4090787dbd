import { ZodError } from 'zod';
import { DailyBarChart } from '@/components/admin/charts/daily-bar-chart';
import { HorizontalBars } from '@/components/admin/charts/horizontal-bars';
import { ShareRing } from '@/components/admin/charts/share-ring';
import { inputClass, labelClass } from '@/components/admin/field-styles';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { recentRange, siteAnalytics } from '@/lib/analytics';
import { adminSiteContext } from '../admin-context';
import { countOf } from '@/components/ui/count';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** What each figure counts: shown on hover and in the list under the figures. */
const DEFINITIONS = {
  conversations: 'Conversations started in the range.',
  botResolved:
    'No person took part (no handoff, assignment or agent reply) and the bot answered the visitor’s last message — not left after a fallback or a “did you mean”.',
  handedOff: 'A person took part: the bot handed over, an agent was assigned, or an agent replied.',
  firstResponse:
    'Median time from the handoff (the bot’s last word before it, or the start) to an agent’s first reply.',
  csat: 'Share of 👍 among the ratings visitors gave after a conversation was resolved.',
  unrecognized:
    'Visitor messages the bot could not place (fallback, “did you mean”, or a handoff without a recognized intent), alike messages counted together.',
} as const;

export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { site } = await adminSiteContext();
  const query = await searchParams;
  const range = { ...recentRange(30), ...query };
  let analytics;
  try {
    analytics = await siteAnalytics(site.id, range);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    analytics = null;
  }
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-xl font-semibold">Analytics</h1>
        <form className="flex items-end gap-2" method="get">
          <label>
            <span className={labelClass}>From</span>
            <input type="date" name="from" defaultValue={range.from} className={inputClass} />
          </label>
          <label>
            <span className={labelClass}>To (UTC days)</span>
            <input type="date" name="to" defaultValue={range.to} className={inputClass} />
          </label>
          <button
            type="submit"
            className="rounded-md bg-stone-900 px-3.5 py-2 text-sm font-medium text-white"
          >
            Show
          </button>
        </form>
      </div>
      {!analytics ? (
        <Notice tone="error">Pick a range of at most a year that ends after it starts.</Notice>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Card>
              <p className="text-xs text-stone-500" title={DEFINITIONS.conversations}>
                Conversations
              </p>
              <p className="text-3xl font-semibold tabular-nums" data-testid="total-conversations">
                {analytics.totals.conversations}
              </p>
            </Card>
            <Card>
              <div title={DEFINITIONS.botResolved}>
                <ShareRing
                  label="Resolved by the bot alone"
                  color="#3b82f6"
                  share={
                    analytics.totals.conversations
                      ? analytics.totals.botResolved / analytics.totals.conversations
                      : null
                  }
                />
              </div>
            </Card>
            <Card>
              <div title={DEFINITIONS.handedOff}>
                <ShareRing
                  label="Handed to a human"
                  color="#8b5cf6"
                  share={
                    analytics.totals.conversations
                      ? analytics.totals.handedOff / analytics.totals.conversations
                      : null
                  }
                />
              </div>
            </Card>
            <Card>
              <p className="text-xs text-stone-500" title={DEFINITIONS.firstResponse}>
                Median first response of agents
              </p>
              <p className="text-3xl font-semibold tabular-nums">
                {duration(analytics.totals.medianFirstResponseSeconds)}
              </p>
              <p className="mt-3 text-xs text-stone-500" title={DEFINITIONS.csat}>
                CSAT
              </p>
              <p className="text-xl font-semibold tabular-nums">
                {analytics.totals.csatResponses
                  ? `${Math.round((analytics.totals.csatPositive / analytics.totals.csatResponses) * 100)}% positive`
                  : '—'}
                <span className="ml-1 text-xs font-normal text-stone-500">
                  of {countOf(analytics.totals.csatResponses, 'rating')}
                </span>
              </p>
            </Card>
          </div>
          <details className="rounded-md border border-stone-200 bg-white p-3 text-sm">
            <summary className="cursor-pointer font-medium">How each figure is counted</summary>
            <dl className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="metric-definitions">
              {(
                [
                  ['Conversations', DEFINITIONS.conversations],
                  ['Resolved by the bot alone', DEFINITIONS.botResolved],
                  ['Handed to a human', DEFINITIONS.handedOff],
                  ['Median first response of agents', DEFINITIONS.firstResponse],
                  ['CSAT', DEFINITIONS.csat],
                  ['Top unrecognized messages', DEFINITIONS.unrecognized],
                ] as const
              ).map(([term, definition]) => (
                <div key={term}>
                  <dt className="font-medium text-stone-800">{term}</dt>
                  <dd className="text-stone-600">{definition}</dd>
                </div>
              ))}
            </dl>
          </details>
          <Card title="Conversations per day">
            <DailyBarChart days={analytics.perDay} />
            <p className="mt-2 flex gap-4 text-xs text-stone-600">
              <span>
                <span className="mr-1 inline-block h-2 w-2 bg-blue-500" />
                bot alone
              </span>
              <span>
                <span className="mr-1 inline-block h-2 w-2 bg-violet-500" />
                with a human
              </span>
            </p>
          </Card>
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title="Handoff reasons">
              <HorizontalBars
                color="#8b5cf6"
                empty="No handoffs in this range."
                items={analytics.handoffReasons.map((r) => ({
                  label: r.reason,
                  value: r.count,
                  note: r.texts.length && r.texts[0] !== r.reason ? r.texts.join('; ') : undefined,
                }))}
              />
            </Card>
            <Card title="Top intents">
              <HorizontalBars
                empty="The bot recognized no intents in this range."
                items={analytics.topIntents.map((i) => ({
                  label: i.intent,
                  value: i.count,
                  note:
                    i.averageConfidence === null
                      ? undefined
                      : `average confidence ${Math.round(i.averageConfidence * 100)}%`,
                }))}
              />
            </Card>
            <Card title="Top unrecognized messages">
              <HorizontalBars
                color="#f59e0b"
                empty="Nothing the bot was unsure about."
                items={analytics.topUnrecognized.map((u) => ({ label: u.text, value: u.count }))}
              />
            </Card>
          </div>
        </>
      )}
    </div>
  );
}

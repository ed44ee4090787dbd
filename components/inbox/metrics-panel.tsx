'use client';

import { useEffect, useState } from 'react';
import type { AgentFigures, InboxMetrics } from '@/lib/schemas/inbox';
import { Notice } from '@/components/ui/notice';
import { ScrollArea } from '@/components/ui/scroll-area';
import { describeError, type AgentRequest } from './agent-connection';
import { formatDuration } from './views';

function csat(figures: AgentFigures): string {
  if (figures.csatResponses === 0) return '—';
  return `${Math.round((figures.csatPositive / figures.csatResponses) * 100)}% positive of ${figures.csatResponses}`;
}

/** First response, resolution time, conversations handled and CSAT, for the team and each agent. */
export function MetricsPanel({ request, myUserId }: { request: AgentRequest; myUserId: string }) {
  const [days, setDays] = useState(7);
  const [metrics, setMetrics] = useState<InboxMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request('inbox:metrics', { days })
      .then((result) => {
        setMetrics(result.metrics);
        setError(null);
      })
      .catch((problem) => setError(describeError(problem)));
  }, [request, days]);

  const rows = metrics ? [{ name: 'Team', userId: '', ...metrics.team }, ...metrics.agents] : [];
  return (
    <section className="min-h-0 flex-1 overflow-y-auto bg-stone-50 p-4" aria-label="Metrics">
      <div className="mx-auto max-w-3xl">
        <div className="mb-4 flex items-center justify-between">
          <h2 className="text-lg font-semibold">How we are doing</h2>
          <label className="text-sm">
            <span className="mr-2 text-stone-600">Last</span>
            <select
              value={days}
              onChange={(event) => setDays(Number(event.target.value))}
              className="rounded-md border border-stone-300 bg-white px-2 py-1"
            >
              <option value={1}>24 hours</option>
              <option value={7}>7 days</option>
              <option value={30}>30 days</option>
              <option value={90}>90 days</option>
            </select>
          </label>
        </div>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {!metrics ? (
          <p className="text-sm text-stone-500">Loading…</p>
        ) : (
          <ScrollArea
            label="Agent metrics"
            className="overflow-x-auto rounded-lg border border-stone-200 bg-white"
          >
            <table className="w-full text-sm" data-testid="metrics-table">
              <thead className="bg-stone-50 text-left text-xs text-stone-600">
                <tr>
                  <th className="px-3 py-2 font-medium">Who</th>
                  <th className="px-3 py-2 font-medium">Handled</th>
                  <th
                    className="px-3 py-2 font-medium"
                    title="Median, from the handoff to the first agent reply"
                  >
                    First response
                  </th>
                  <th
                    className="px-3 py-2 font-medium"
                    title="Median, from the start to the resolution"
                  >
                    Resolution time
                  </th>
                  <th className="px-3 py-2 font-medium">CSAT</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.userId || 'team'}
                    className={`border-t border-stone-100 ${row.userId === '' ? 'font-semibold' : ''}`}
                  >
                    <td className="px-3 py-2">
                      {row.userId === myUserId ? `${row.name} (me)` : row.name}
                    </td>
                    <td className="px-3 py-2">{row.handled}</td>
                    <td className="px-3 py-2">{formatDuration(row.medianFirstResponseSeconds)}</td>
                    <td className="px-3 py-2">{formatDuration(row.medianResolutionSeconds)}</td>
                    <td className="px-3 py-2">{csat(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </div>
    </section>
  );
}

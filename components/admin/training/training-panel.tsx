'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { TrainingRunView } from '@/lib/intents';
import { AdminApiError, useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';

const POLL_MS = 500;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** The Retrain button, then the run's live progress bar and log until it finishes. */
export function TrainingPanel({
  initialRun,
  exampleCount,
  intentCount,
}: {
  initialRun: TrainingRunView | null;
  exampleCount: number;
  intentCount: number;
}) {
  const api = useAdminApi();
  const router = useRouter();
  const [run, setRun] = useState(initialRun);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<AdminApiError | null>(null);
  const logRef = useRef<HTMLPreElement>(null);
  // While the new job is being queued, the previous run's outcome must not read as this one's.
  const shown = starting ? null : run;
  const running = shown !== null && !FINISHED.has(shown.status);

  useEffect(() => {
    if (!run || FINISHED.has(run.status)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const { run: next } = await api<{ run: TrainingRunView }>(
          'GET',
          `/training-runs/${run.id}`,
        );
        if (stopped) return;
        setRun(next);
        // The new version appears in the evaluation and version list below.
        if (FINISHED.has(next.status)) router.refresh();
      } catch (caught) {
        if (!stopped) setError(caught as AdminApiError);
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, router, run]);

  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [run?.log.length]);

  async function start() {
    setError(null);
    setStarting(true);
    try {
      const { runId } = await api<{ runId: string }>('POST', '/training-runs');
      const { run: started } = await api<{ run: TrainingRunView }>(
        'GET',
        `/training-runs/${runId}`,
      );
      setRun(started);
    } catch (caught) {
      setError(caught as AdminApiError);
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (!run) return;
    await api('DELETE', `/training-runs/${run.id}`).catch((caught) => setError(caught));
  }

  const percent = Math.round((shown?.progress ?? 0) * 100);
  return (
    <Card>
      <div className="flex flex-wrap items-center gap-4">
        <Button onClick={start} disabled={starting || running || exampleCount === 0}>
          {starting ? 'Starting…' : running ? 'Training…' : 'Retrain'}
        </Button>
        {running ? (
          <Button tone="secondary" onClick={cancel}>
            Cancel
          </Button>
        ) : null}
        <p className="text-sm text-stone-600">
          Trains on {exampleCount} examples of {intentCount} intents, off the live bot; the current
          model keeps answering until you activate the new version.
        </p>
      </div>
      {shown ? (
        <div className="mt-4 space-y-2" data-run-id={shown.id}>
          <div className="flex items-center justify-between text-sm">
            <span>
              Run <span className="font-mono text-xs">{shown.id.slice(-8)}</span>:{' '}
              <strong data-testid="training-status">{shown.status}</strong>
              {shown.error ? <span className="text-red-700"> — {shown.error}</span> : null}
            </span>
            <span className="tabular-nums">{percent}%</span>
          </div>
          <div
            role="progressbar"
            aria-label="Training progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded bg-stone-200"
          >
            <div
              className={`h-full transition-all ${shown.status === 'failed' ? 'bg-red-500' : shown.status === 'succeeded' ? 'bg-emerald-500' : 'bg-blue-600'}`}
              style={{ width: `${percent}%` }}
            />
          </div>
          <pre
            ref={logRef}
            aria-label="Training log"
            // Scrolls once the log is long: a tab stop, so the keyboard can scroll it too.
            tabIndex={0}
            className="max-h-48 overflow-y-auto rounded bg-stone-900 p-3 font-mono text-xs text-stone-100"
          >
            {shown.log.join('\n')}
          </pre>
        </div>
      ) : null}
      <div className="mt-3">
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { ModelVersionView } from '@/lib/intents';
import { ScoreBadge } from '../f1-badge';
import { ActivateButton } from './activate-button';
import { ChangeArrow, percent } from './change-arrow';
import { ConfusionHeatmap } from './confusion-heatmap';
import { RiskCoverageChart } from './risk-coverage-chart';
import { textLinkClass } from '@/components/ui/link-styles';

/**
 * A version's evaluation next to the live one: headline scores and per-intent F1 with arrows, the
 * confusion heat map, and the examples it got wrong, each linked to its intent to fix.
 */
export function EvaluationView({
  candidate,
  active,
  intentIds,
  intentsWithoutAnswers = [],
}: {
  candidate: ModelVersionView;
  /** The live version, when it is another one. */
  active: ModelVersionView | null;
  intentIds: Record<string, string>;
  /** Intents (not handed to a person) with no response: activating makes the bot answer them with nothing to say. */
  intentsWithoutAnswers?: string[];
}) {
  const metrics = candidate.metrics;
  const before = active?.metrics ?? null;
  if (!metrics) {
    return (
      <Card title={`Version ${candidate.version}`}>
        <p className="text-sm text-stone-600">This version has no readable evaluation.</p>
      </Card>
    );
  }
  // What visitors get at the chosen point (clarify and fallback are deferred), then the model itself.
  const headline = [
    {
      label: 'Answered right',
      now: metrics.answers?.resolved ?? null,
      was: before?.answers?.resolved,
    },
    {
      label: 'Answered wrongly',
      now: metrics.answers?.wrong ?? null,
      was: before?.answers?.wrong,
      lowerIsBetter: true,
    },
    {
      label: 'Deferred',
      now: metrics.answers?.deferred ?? null,
      was: before?.answers?.deferred,
      lowerIsBetter: true,
    },
    { label: 'Top-1 accuracy', now: metrics.accuracy, was: before?.accuracy },
    { label: 'Macro-F1', now: metrics.macroF1, was: before?.macroF1 },
    { label: 'Out-of-scope recall', now: metrics.oosRecall, was: before?.oosRecall },
    {
      label: 'In-scope answered right',
      now: metrics.inScopeAccuracyAtThreshold,
      was: before?.inScopeAccuracyAtThreshold,
    },
  ];
  const beforeF1 = new Map(before?.perIntent.map((scores) => [scores.intent, scores.f1]));
  const perIntent = [...metrics.perIntent].sort((a, b) => a.f1 - b.f1);
  const link = (intent: string, text?: string) =>
    intentIds[intent]
      ? `/admin/intents/${intentIds[intent]}${text ? `?example=${encodeURIComponent(text)}` : ''}`
      : null;

  return (
    <section className="space-y-6" aria-label={`Evaluation of version ${candidate.version}`}>
      <Card
        title={
          <span className="flex flex-wrap items-center gap-3">
            Version {candidate.version}
            {candidate.active ? (
              <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">
                live
              </span>
            ) : null}
            <span className="text-sm font-normal text-stone-500">
              {metrics.evaluation === 'k-fold'
                ? `${metrics.folds}-fold cross-validation`
                : 'held-out split'}{' '}
              on {metrics.evaluatedCount} examples
              {active ? `, compared with live version ${active.version}` : ''}
            </span>
          </span>
        }
      >
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {headline.map((item) => (
            <div key={item.label} className="rounded-md border border-stone-200 p-3">
              <p className="text-xs text-stone-500">{item.label}</p>
              <p className="text-2xl font-semibold tabular-nums">{percent(item.now)}</p>
              <p className="text-xs text-stone-500">
                <ChangeArrow now={item.now} before={item.was} lowerIsBetter={item.lowerIsBetter} />
                {item.was !== undefined && item.was !== null
                  ? ` (live: ${percent(item.was)}`
                  : null}
                {item.was !== undefined && item.was !== null && item.now !== null && before
                  ? `, ±${(differenceMargin(item.now, metrics.evaluatedCount, item.was, before.evaluatedCount) * 100).toFixed(1)} by chance)`
                  : item.was !== undefined && item.was !== null
                    ? ')'
                    : null}
              </p>
            </div>
          ))}
        </div>
        {!candidate.active ? (
          <div className="mt-4 flex items-center gap-3">
            <ActivateButton
              versionId={candidate.id}
              label={`Activate version ${candidate.version}`}
              confirmText={activationWarning(metrics, before, intentsWithoutAnswers)}
            />
            <span className="text-sm text-stone-600">
              or keep {active ? `version ${active.version}` : 'the bot without a model'}.
            </span>
          </div>
        ) : null}
      </Card>
      {metrics.curve.length > 1 ? (
        <Card title="Answered right against answered wrongly">
          <RiskCoverageChart
            curve={metrics.curve}
            outOfScopeShare={metrics.outOfScopeShare ?? 0}
            chosen={metrics.threshold}
            budget={metrics.wrongAnswerBudget}
          />
          <p className="mt-2 text-sm text-stone-600">
            The bot answers when it is at least {percent(metrics.threshold)} sure an answer is right
            {metrics.wrongAnswerBudget !== null
              ? `, the lowest confidence at which held-out answers stay within the ${percent(metrics.wrongAnswerBudget)} wrong-answer budget`
              : ''}
            . Move the budget or set your own threshold under Sites → Bot settings.
          </p>
        </Card>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card title="Per-intent F1 (worst first)">
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-stone-500">
              <tr>
                <th className="py-1">Intent</th>
                <th className="py-1 text-right">Precision</th>
                <th className="py-1 text-right">Recall</th>
                <th className="py-1 text-right">F1</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {perIntent.map((scores) => (
                <tr key={scores.intent}>
                  <td className="py-1">
                    {link(scores.intent) ? (
                      <Link href={link(scores.intent)!} className={textLinkClass}>
                        {scores.intent}
                      </Link>
                    ) : (
                      scores.intent
                    )}
                  </td>
                  <td className="py-1 text-right tabular-nums">{percent(scores.precision)}</td>
                  <td className="py-1 text-right tabular-nums">{percent(scores.recall)}</td>
                  <td className="py-1 text-right">
                    <ScoreBadge value={scores.support ? scores.f1 : null} />
                  </td>
                  <td className="py-1 pl-2">
                    <ChangeArrow now={scores.f1} before={beforeF1.get(scores.intent)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Confusion matrix">
          <ConfusionHeatmap confusion={metrics.confusion} />
        </Card>
      </div>
      <Card title={`Misclassified examples (${metrics.misclassified.length})`}>
        {metrics.misclassified.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-stone-500">
              <tr>
                <th className="py-1">Example</th>
                <th className="py-1">Labelled</th>
                <th className="py-1">Model said</th>
                <th className="py-1 text-right">Confidence</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {metrics.misclassified.slice(0, 200).map((item, index) => (
                <tr key={index}>
                  <td className="py-1">
                    {link(item.expected, item.text) ? (
                      <Link href={link(item.expected, item.text)!} className={textLinkClass}>
                        {item.text}
                      </Link>
                    ) : (
                      item.text
                    )}
                  </td>
                  <td className="py-1 font-mono text-xs">{item.expected}</td>
                  <td className="py-1 font-mono text-xs">
                    {item.predicted ?? 'no intent (fallback)'}
                  </td>
                  <td className="py-1 text-right tabular-nums">{percent(item.confidence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-stone-600">
            Every evaluated example was classified correctly.
          </p>
        )}
      </Card>
    </section>
  );
}

/**
 * Half the width of a 95% interval for the difference of two shares measured on n1 and n2 messages:
 * a change smaller than this may be chance.
 */
function differenceMargin(now: number, n1: number, before: number, n2: number): number {
  return (
    1.96 *
    Math.sqrt((now * (1 - now)) / Math.max(1, n1) + (before * (1 - before)) / Math.max(1, n2))
  );
}

/** What to confirm before activating: a version that answers fewer messages rightly, or intents with nothing to say. */
function activationWarning(
  metrics: NonNullable<ModelVersionView['metrics']>,
  live: ModelVersionView['metrics'] | null,
  intentsWithoutAnswers: string[],
): string | undefined {
  const lines: string[] = [];
  const now = metrics.answers?.resolved;
  const before = live?.answers?.resolved;
  if (now !== undefined && before !== undefined && now < before) {
    const margin = differenceMargin(now, metrics.evaluatedCount, before, live?.evaluatedCount ?? 0);
    lines.push(
      `This version answers ${percent(now)} rightly on its held-out examples, the live one ${percent(before)}` +
        (before - now > margin ? ' — a real drop.' : ' (within chance at these sample sizes).'),
    );
  }
  if (intentsWithoutAnswers.length) {
    lines.push(`These intents have no response yet: ${intentsWithoutAnswers.join(', ')}.`);
  }
  return lines.length ? `${lines.join('\n')}\n\nActivate anyway?` : undefined;
}

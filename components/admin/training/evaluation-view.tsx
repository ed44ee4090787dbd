import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { ModelVersionView } from '@/lib/intents';
import { ScoreBadge } from '../f1-badge';
import { ActivateButton } from './activate-button';
import {
  isClearChange,
  type MeasureChange,
  type TrainingMetrics,
  type VersionComparison,
} from '@/lib/nlp';
import { ChangeArrow, percent } from './change-arrow';
import { ConfusionHeatmap } from './confusion-heatmap';
import { describeCertainty, MeasureChangeLine } from './measure-change';
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
  if (!metrics) {
    return (
      <Card title={`Version ${candidate.version}`}>
        <p className="text-sm text-stone-600">This version has no readable evaluation.</p>
      </Card>
    );
  }
  // Differences only where two versions were read on the same messages (this one's held-out ones):
  // against the live version, or the one live when this was trained.
  const sameMessages = candidate.comparison;
  const againstLive = !!active && sameMessages?.against.versionId === active.id;
  const baselineName = `${againstLive ? 'live ' : ''}version ${sameMessages?.against.version}`;
  const baselineShort = againstLive ? 'live' : `v${sameMessages?.against.version}`;
  // What visitors get at the chosen point (clarify and fallback are deferred), then the model itself.
  const headline: Array<{
    label: string;
    now: number | null;
    change?: MeasureChange;
    lowerIsBetter?: boolean;
  }> = [
    {
      label: 'Answered right',
      now: metrics.answers?.resolved ?? null,
      change: sameMessages?.resolved,
    },
    {
      label: 'Answered wrongly',
      now: metrics.answers?.wrong ?? null,
      change: sameMessages?.wrong,
      lowerIsBetter: true,
    },
    {
      label: 'Deferred',
      now: metrics.answers?.deferred ?? null,
      change: sameMessages?.deferred,
      lowerIsBetter: true,
    },
    { label: 'Top-1 accuracy', now: metrics.accuracy, change: sameMessages?.accuracy },
    { label: 'Macro-F1', now: metrics.macroF1, change: sameMessages?.macroF1 },
    { label: 'Out-of-scope recall', now: metrics.oosRecall },
    { label: 'In-scope answered right', now: metrics.inScopeAccuracyAtThreshold },
  ];
  const intentChanges = new Map(sameMessages?.perIntent.map((change) => [change.intent, change]));
  const perIntent = [...metrics.perIntent].sort((a, b) => a.f1 - b.f1);
  const link = (intent: string, text?: string) =>
    intentIds[intent]
      ? `/admin/intents/${intentIds[intent]}${text ? `?example=${encodeURIComponent(text)}` : ''}`
      : null;
  const answeredWrongly = metrics.misclassified.filter((item) => item.predicted !== null);
  const deferred = metrics.misclassified.filter((item) => item.predicted === null);

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
              {sameMessages ? `, compared with ${baselineName} on the same examples` : ''}
            </span>
          </span>
        }
      >
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {headline.map((item) => (
            <div key={item.label} className="rounded-md border border-stone-200 p-3">
              <p className="text-xs text-stone-500">{item.label}</p>
              <p className="text-2xl font-semibold tabular-nums">{percent(item.now)}</p>
              {item.change ? (
                <MeasureChangeLine
                  change={item.change}
                  baseline={baselineShort}
                  lowerIsBetter={item.lowerIsBetter}
                />
              ) : null}
            </div>
          ))}
        </div>
        {active && !againstLive ? (
          <p className="mt-3 text-sm text-stone-600">
            Live version {active.version} was measured on other examples, so the two are not
            compared here. Retrain while it is live to read both on the same examples.
          </p>
        ) : null}
        {!candidate.active ? (
          <div className="mt-4 flex items-center gap-3">
            <ActivateButton
              versionId={candidate.id}
              label={`Activate version ${candidate.version}`}
              confirmText={activationWarning(
                againstLive ? sameMessages : null,
                active,
                intentsWithoutAnswers,
              )}
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
                <th className="py-1 pl-2">{sameMessages ? `vs ${baselineShort}` : ''}</th>
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
                    <IntentChange change={intentChanges.get(scores.intent)} />
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
      <Card title={`Not answered right (${metrics.misclassified.length})`}>
        {metrics.misclassified.length ? (
          <>
            <p className="mb-2 text-sm text-stone-600">
              Held-out examples the bot answered with another intent, then those it would not answer
              (it asks which one was meant, or says it does not know).
            </p>
            <ExampleTable
              examples={answeredWrongly}
              link={link}
              empty="None was answered with another intent."
            />
            {deferred.length > 0 && (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium text-stone-700">
                  Not answered ({deferred.length})
                </summary>
                <ExampleTable examples={deferred} link={link} empty="" />
              </details>
            )}
          </>
        ) : (
          <p className="text-sm text-stone-600">
            Every evaluated example was classified correctly.
          </p>
        )}
      </Card>
    </section>
  );
}

/** The F1 change of one intent on the same messages; bold when it is unlikely to be chance. */
function IntentChange({ change }: { change: MeasureChange | undefined }) {
  if (!change) return null;
  return (
    <span
      title={describeCertainty(change)}
      className={isClearChange(change) ? 'font-semibold' : ''}
    >
      <ChangeArrow now={change.candidate} before={change.baseline} />
    </span>
  );
}

/** What to confirm before activating: fewer messages answered rightly, or intents with nothing to say. */
function activationWarning(
  sameMessages: VersionComparison | null,
  live: ModelVersionView | null,
  intentsWithoutAnswers: string[],
): string | undefined {
  const lines: string[] = [];
  const resolved = sameMessages?.resolved;
  if (resolved && live && resolved.candidate < resolved.baseline) {
    lines.push(
      `On the same ${sameMessages.evaluatedCount} held-out examples this version answers ` +
        `${percent(resolved.candidate)} rightly, live version ${live.version} ${percent(resolved.baseline)}: ` +
        `${describeCertainty(resolved)}.`,
    );
  }
  if (intentsWithoutAnswers.length) {
    lines.push(`These intents have no response yet: ${intentsWithoutAnswers.join(', ')}.`);
  }
  return lines.length ? `${lines.join('\n')}\n\nActivate anyway?` : undefined;
}

type HeldOutMiss = TrainingMetrics['misclassified'][number];

function ExampleTable({
  examples,
  link,
  empty,
}: {
  examples: HeldOutMiss[];
  link: (intent: string, text?: string) => string | null;
  empty: string;
}) {
  if (examples.length === 0)
    return empty ? <p className="text-sm text-stone-600">{empty}</p> : null;
  return (
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
        {examples.map((item, index) => {
          const href = link(item.expected, item.text);
          return (
            <tr key={index}>
              <td className="py-1">
                {href ? (
                  <Link href={href} className={textLinkClass}>
                    {item.text}
                  </Link>
                ) : (
                  item.text
                )}
              </td>
              <td className="py-1 font-mono text-xs">{item.expected}</td>
              <td className="py-1 font-mono text-xs">{item.predicted ?? 'not answered'}</td>
              <td className="py-1 text-right tabular-nums">{percent(item.confidence)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

'use client';

import { SliderField } from '../slider-field';
// The curve arithmetic only (no model code), so it can run in the browser as the sliders move.
import {
  answersAt,
  pointAtThreshold,
  pointForBudget,
  type OperatingPoint,
} from '@/lib/nlp/calibration';
import type { BotSettings } from '@/lib/schemas/site';

const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`;

/**
 * How sure the bot must be before it answers: a wrong-answer budget that picks the threshold on the
 * live model's held-out curve, or the admin's own threshold (stricter or looser) on the same scale,
 * each shown with what it means for visitors.
 */
export function DecisionSettingsFields({
  settings,
  set,
  liveCurve,
  liveBudgetShare,
}: {
  settings: BotSettings;
  set: <K extends keyof BotSettings>(key: K, value: BotSettings[K]) => void;
  /** The live model version's risk–coverage curve (empty before the first training). */
  liveCurve: readonly OperatingPoint[];
  /** The share of the budget the bot spends on that curve (see OWN_EXAMPLES_BUDGET_SHARE). */
  liveBudgetShare: number;
}) {
  const budgetPoint = pointForBudget(liveCurve, settings, liveBudgetShare);
  const ownPoint =
    settings.confidenceThreshold === null
      ? null
      : pointAtThreshold(liveCurve, settings.confidenceThreshold);
  const running = ownPoint ?? budgetPoint;
  const expected = running ? answersAt(running, settings.outOfScopeShare) : null;
  return (
    <div className="space-y-3">
      <SliderField
        label={`Wrong-answer budget: ${percent(settings.wrongAnswerBudget)} of messages`}
        min={0.005}
        max={0.1}
        step={0.005}
        value={settings.wrongAnswerBudget}
        onChange={(value) => set('wrongAnswerBudget', value)}
        describedBy="decision-expected"
      />
      <SliderField
        label={`Messages no intent covers: about ${percent(settings.outOfScopeShare, 0)} of traffic`}
        min={0}
        max={0.6}
        step={0.05}
        value={settings.outOfScopeShare}
        onChange={(value) => set('outOfScopeShare', value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.confidenceThreshold !== null}
          onChange={(e) =>
            set('confidenceThreshold', e.target.checked ? (budgetPoint?.threshold ?? 0.8) : null)
          }
        />
        Set my own confidence threshold instead of the budget
      </label>
      {settings.confidenceThreshold !== null ? (
        <SliderField
          label={
            `Answer when at least ${percent(settings.confidenceThreshold, 0)} sure the answer is right` +
            (budgetPoint ? ` (the budget would use ${percent(budgetPoint.threshold, 0)})` : '')
          }
          min={0}
          max={1}
          step={0.01}
          value={settings.confidenceThreshold}
          onChange={(value) => set('confidenceThreshold', value)}
          describedBy="decision-expected"
        />
      ) : null}
      <p id="decision-expected" className="text-sm text-stone-700" aria-live="polite">
        {expected
          ? `On held-out examples of the live model: ${percent(expected.resolved)} answered right, ${percent(expected.wrong)} answered wrongly, ${percent(expected.deferred)} asked to rephrase or offered help.` +
            (liveBudgetShare < 1 && settings.confidenceThreshold === null
              ? ` The bot spends ${percent(liveBudgetShare, 0)} of the budget on your own examples: visitors write less alike than one admin does.`
              : '')
          : 'Train a model to see what these settings mean for visitors.'}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.builtInOutOfScope}
          onChange={(e) => set('builtInOutOfScope', e.target.checked)}
        />
        Learn “not something I can help with” from built-in examples (chit-chat, other topics,
        gibberish) until the site has out-of-scope examples of its own; applies at the next training
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.ambiguityMargin !== null}
          onChange={(e) => set('ambiguityMargin', e.target.checked ? 0.1 : null)}
        />
        Set my own “did you mean” margin instead of the trained one
      </label>
      {settings.ambiguityMargin !== null ? (
        <SliderField
          label={`Ask which one was meant when the top two intents are within ${(settings.ambiguityMargin * 100).toFixed(0)} points`}
          min={0}
          max={0.5}
          step={0.01}
          value={settings.ambiguityMargin}
          onChange={(value) => set('ambiguityMargin', value)}
        />
      ) : null}
    </div>
  );
}

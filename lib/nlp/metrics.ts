import { z } from 'zod';
import type { MessageEvidence } from './answer-confidence';
import { Answers, answersAt, OperatingPoint } from './calibration';
import { answersVisitor, decide, type BotDecision, type DecisionContext } from './decide';
import type { Calibration } from './model';
import type { TrainingExampleInput } from './model';

const IntentScores = z.object({
  intent: z.string(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
});

/** How a model version did on examples it was not trained on; stored with the version. */
export const TrainingMetrics = z.object({
  /** holdout: a stratified 20% split; k-fold: every example predicted by a model that did not see it. */
  evaluation: z.enum(['holdout', 'k-fold', 'validation', 'test']),
  folds: z.number().int(),
  exampleCount: z.number().int(),
  evaluatedCount: z.number().int(),
  intentCount: z.number().int(),
  /** Top-1 accuracy on in-scope examples, before any threshold. */
  accuracy: z.number(),
  macroF1: z.number(),
  perIntent: z.array(IntentScores),
  /** Rows are expected intents, columns the top-1 prediction. */
  confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number().int())) }),
  /** Share of out-of-scope examples the bot declined; null when there were none. */
  oosRecall: z.number().nullable(),
  /** Share of in-scope examples answered with the right intent (clarify and fallback are not). */
  inScopeAccuracyAtThreshold: z.number(),
  /** All evaluated messages as the bot would treat them; null for versions trained before. */
  answers: Answers.nullable().default(null),
  /** The share of traffic out-of-scope examples were weighted to (null: as they came). */
  outOfScopeShare: z.number().nullable().default(null),
  /** The wrong-answer budget the threshold was chosen for (null: not chosen on these examples). */
  wrongAnswerBudget: z.number().nullable().default(null),
  /** Answered right and wrong as the threshold moves, on the confidence scale. */
  curve: z.array(OperatingPoint).default([]),
  /** The share of a budget the curve may spend (see Calibration). */
  budgetShare: z.number().min(0).max(1).default(1),
  threshold: z.number(),
  ambiguityMargin: z.number(),
  temperature: z.number(),
  misclassified: z.array(
    z.object({
      text: z.string(),
      expected: z.string(),
      /** null: the bot would have said no intent fits. */
      predicted: z.string().nullable(),
      confidence: z.number(),
    }),
  ),
});
export type TrainingMetrics = z.infer<typeof TrainingMetrics>;

/** One evaluated message: the top-scoring class and what the bot decided at the threshold. */
export interface EvaluatedExample {
  text: string;
  expected: string;
  top: string;
  intent: string | null;
  decision: BotDecision;
  confidence: number;
}

/** Decides every example as the bot would, keeping the top-1 class for the confusion matrix. */
export function evaluateProbabilities(
  probabilities: readonly Float64Array[],
  examples: readonly TrainingExampleInput[],
  context: DecisionContext,
  evidence?: readonly MessageEvidence[],
): EvaluatedExample[] {
  return probabilities.map((row, i) => {
    let top = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[top]) top = c;
    const decision = decide(row, context, evidence?.[i]);
    return {
      text: examples[i].text,
      expected: examples[i].intent,
      top: context.intents[top],
      intent: decision.intent,
      decision: decision.decision,
      confidence: decision.confidence,
    };
  });
}

export interface MetricsContext {
  evaluation: TrainingMetrics['evaluation'];
  folds: number;
  exampleCount: number;
  outOfScopeIntent: string;
  /** Weight out-of-scope examples to this share of traffic; null: count them as they came. */
  outOfScopeShare: number | null;
  wrongAnswerBudget: number | null;
  calibration: Calibration;
}

const answered = (example: EvaluatedExample) => answersVisitor(example.decision);

const MISCLASSIFIED_LIMIT = 500;

export function summarize(
  evaluated: readonly EvaluatedExample[],
  context: MetricsContext,
): TrainingMetrics {
  const oos = context.outOfScopeIntent;
  const inScope = evaluated.filter((example) => example.expected !== oos);
  const outOfScope = evaluated.filter((example) => example.expected === oos);
  const ratio = (count: number, total: number) => (total === 0 ? 0 : count / total);

  const inScopeLabels = [
    ...new Set([...inScope.map((e) => e.expected), ...evaluated.map((e) => e.top)]),
  ]
    .filter((label) => label !== oos)
    .sort();
  const perIntent = inScopeLabels.map((intent) => {
    const truePositives = inScope.filter((e) => e.expected === intent && e.top === intent).length;
    const predicted = evaluated.filter((e) => e.top === intent).length;
    const support = inScope.filter((e) => e.expected === intent).length;
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, precision, recall, f1, support };
  });
  const supported = perIntent.filter((scores) => scores.support > 0);

  const hasOutOfScope = outOfScope.length > 0 || evaluated.some((e) => e.top === oos);
  const labels = hasOutOfScope ? [...inScopeLabels, oos] : inScopeLabels;
  const column = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  for (const example of evaluated) {
    const row = column.get(example.expected);
    const col = column.get(example.top);
    if (row !== undefined && col !== undefined) matrix[row][col]++;
  }

  const wrong = evaluated.filter((e) =>
    e.expected === oos ? e.intent !== null : e.intent !== e.expected,
  );
  const answeredRight = inScope.filter((e) => answered(e) && e.intent === e.expected).length;
  const point = {
    threshold: context.calibration.threshold,
    inScopeRight: ratio(answeredRight, inScope.length),
    inScopeWrong: ratio(
      inScope.filter((e) => answered(e) && e.intent !== e.expected).length,
      inScope.length,
    ),
    outOfScopeAnswered:
      outOfScope.length === 0 ? null : ratio(outOfScope.filter(answered).length, outOfScope.length),
  };
  const observedShare = ratio(outOfScope.length, evaluated.length);
  return {
    evaluation: context.evaluation,
    folds: context.folds,
    exampleCount: context.exampleCount,
    evaluatedCount: evaluated.length,
    intentCount: inScopeLabels.length,
    accuracy: ratio(inScope.filter((e) => e.top === e.expected).length, inScope.length),
    macroF1: ratio(
      supported.reduce((sum, scores) => sum + scores.f1, 0),
      supported.length,
    ),
    perIntent,
    confusion: { labels, matrix },
    oosRecall: point.outOfScopeAnswered === null ? null : 1 - point.outOfScopeAnswered,
    inScopeAccuracyAtThreshold: point.inScopeRight,
    answers: answersAt(point, context.outOfScopeShare ?? observedShare),
    outOfScopeShare: context.outOfScopeShare,
    wrongAnswerBudget: context.wrongAnswerBudget,
    curve: context.calibration.curve,
    budgetShare: context.calibration.budgetShare,
    threshold: context.calibration.threshold,
    ambiguityMargin: context.calibration.ambiguityMargin,
    temperature: context.calibration.temperature,
    misclassified: wrong.slice(0, MISCLASSIFIED_LIMIT).map((e) => ({
      text: e.text,
      expected: e.expected,
      predicted: e.intent,
      confidence: e.confidence,
    })),
  };
}

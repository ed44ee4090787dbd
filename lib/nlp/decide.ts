import { z } from 'zod';
import { answerConfidence, answerFeatures, type MessageEvidence } from './answer-confidence';
import type { Calibration } from './model';

export const BotDecision = z.enum(['answer', 'clarify', 'fallback', 'handoff']);
export type BotDecision = z.infer<typeof BotDecision>;

/** Answering is what the visitor gets from an intent: its response, or the human it stands for. */
export const answersVisitor = (decision: BotDecision) =>
  decision === 'answer' || decision === 'handoff';

export const RankedIntent = z.object({ intent: z.string(), confidence: z.number() });
export type RankedIntent = z.infer<typeof RankedIntent>;

export const IntentDecision = z.object({
  /** null when no intent fits (out of scope, or too unsure). */
  intent: z.string().nullable(),
  /**
   * Chance that answering with the best intent is right: the one scale of the threshold, the
   * admin's slider, the test console and the evaluation.
   */
  confidence: z.number(),
  /** In-scope intents, most likely first, with their calibrated probabilities. */
  ranking: z.array(RankedIntent),
  decision: BotDecision,
  /** The two intents to ask the visitor to choose between (decision = clarify). */
  candidates: z.tuple([z.string(), z.string()]).nullable(),
  /** The message is one of the model's training examples: its intent is the admin's word, not a guess. */
  knownExample: z.boolean().optional(),
});
export type IntentDecision = z.infer<typeof IntentDecision>;

export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const probabilities = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    probabilities[i] = Math.exp((scores[i] - max) / temperature);
    sum += probabilities[i];
  }
  for (let i = 0; i < scores.length; i++) probabilities[i] /= sum;
  return probabilities;
}

/** Calibrated probabilities of a message; one with no known word or n-gram (null scores) has none. */
export function intentProbabilities(
  scores: Float64Array | null,
  temperature: number,
  classes: number,
): Float64Array {
  return scores ? softmax(scores, temperature) : new Float64Array(classes);
}

export interface DecisionContext {
  intents: readonly string[];
  outOfScopeIntent: string | null;
  calibration: Calibration;
  /** Intents whose answer is a human: answering them means handing off. */
  handoffIntents?: ReadonlySet<string>;
  /** How many ranked intents to return. */
  rankingSize?: number;
  /** The site's own threshold on the confidence scale, instead of the model's. */
  threshold?: number;
  /** The site's own "did you mean" margin, instead of the model's. */
  ambiguityMargin?: number;
}

/**
 * Fallback when answering is not likely enough to be right (below the threshold, or the out-of-scope
 * class wins); clarify when the runner-up is within the ambiguity margin; handoff when the answer is a
 * human.
 */
export function decide(
  probabilities: Float64Array,
  context: DecisionContext,
  evidence?: MessageEvidence,
): IntentDecision {
  const { intents, outOfScopeIntent, calibration } = context;
  const outOfScopeClass = outOfScopeIntent === null ? -1 : intents.indexOf(outOfScopeIntent);
  const inScope = intents.flatMap((intent, c) =>
    c === outOfScopeClass ? [] : [{ intent, c, confidence: probabilities[c] }],
  );
  inScope.sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
  const ranking = inScope
    .slice(0, context.rankingSize ?? 5)
    .map(({ intent, confidence }) => ({ intent, confidence }));
  const [best, runnerUp] = inScope;
  // All-zero probabilities: the message had nothing the model knows.
  const confidence =
    !best || best.confidence === 0
      ? 0
      : answerConfidence(
          answerFeatures(probabilities, best.c, runnerUp?.c ?? -1, outOfScopeClass, evidence),
          calibration.answerModel,
        );
  if (!best || confidence === 0 || confidence < (context.threshold ?? calibration.threshold)) {
    return { intent: null, confidence, ranking, decision: 'fallback', candidates: null };
  }
  const margin = context.ambiguityMargin ?? calibration.ambiguityMargin;
  if (runnerUp && best.confidence - runnerUp.confidence < margin) {
    return {
      intent: best.intent,
      confidence,
      ranking,
      decision: 'clarify',
      candidates: [best.intent, runnerUp.intent],
    };
  }
  const decision = context.handoffIntents?.has(best.intent) ? 'handoff' : 'answer';
  return { intent: best.intent, confidence, ranking, decision, candidates: null };
}

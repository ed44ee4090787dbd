import { z } from 'zod';
import type { Calibration } from './model';

export const BotDecision = z.enum(['answer', 'clarify', 'fallback', 'handoff']);
export type BotDecision = z.infer<typeof BotDecision>;

export const RankedIntent = z.object({ intent: z.string(), confidence: z.number() });
export type RankedIntent = z.infer<typeof RankedIntent>;

export const IntentDecision = z.object({
  /** null when no intent fits (out of scope, or too unsure). */
  intent: z.string().nullable(),
  /** Calibrated probability of the best in-scope intent. */
  confidence: z.number(),
  /** In-scope intents, most likely first. */
  ranking: z.array(RankedIntent),
  decision: BotDecision,
  /** The two intents to ask the visitor to choose between (decision = clarify). */
  candidates: z.tuple([z.string(), z.string()]).nullable(),
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

/**
 * How sure the model is that a message is in scope at all. With an out-of-scope class it is the
 * best intent's share against that class alone: on held-out data this separates out-of-scope
 * messages far better than the best intent's probability, which the other intents also dilute.
 */
export function inScopeScore(bestConfidence: number, outOfScopeConfidence: number | null): number {
  if (outOfScopeConfidence === null) return bestConfidence;
  const total = bestConfidence + outOfScopeConfidence;
  return total === 0 ? 0 : bestConfidence / total;
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
}

/**
 * Fallback when the message is not in scope enough (below the threshold, or the out-of-scope class wins);
 * clarify when the runner-up is within the ambiguity margin; handoff when the answer is a human.
 */
export function decide(probabilities: Float64Array, context: DecisionContext): IntentDecision {
  const { intents, outOfScopeIntent, calibration } = context;
  const inScope: RankedIntent[] = [];
  let outOfScopeConfidence: number | null = null;
  intents.forEach((intent, i) => {
    if (intent === outOfScopeIntent) outOfScopeConfidence = probabilities[i];
    else inScope.push({ intent, confidence: probabilities[i] });
  });
  inScope.sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
  const ranking = inScope.slice(0, context.rankingSize ?? 5);
  const [best, runnerUp] = inScope;
  const confidence = best?.confidence ?? 0;
  // All-zero probabilities: the message had nothing the model knows.
  if (
    !best ||
    confidence === 0 ||
    inScopeScore(confidence, outOfScopeConfidence) < calibration.threshold
  ) {
    return { intent: null, confidence, ranking, decision: 'fallback', candidates: null };
  }
  if (runnerUp && confidence - runnerUp.confidence < calibration.ambiguityMargin) {
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

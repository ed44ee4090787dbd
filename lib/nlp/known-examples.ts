import type { IntentDecision } from './decide';
import type { EvaluatedExample } from './metrics';
import type { IntentClassifier, TrainingExampleInput } from './model';

/**
 * A message as it is matched against the training examples: case, width, punctuation and spacing
 * aside ("Do you have a showroom?" is the example "do you have a showroom"); apostrophes go
 * ("what's" is "whats").
 */
export function knownExampleKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/**
 * Each training text's class, for texts every example of which has the same intent: a text two
 * intents share says nothing on its own.
 */
export function knownExamples(
  examples: readonly TrainingExampleInput[],
  intents: readonly string[],
): Map<string, number> {
  const classOf = new Map(intents.map((intent, c) => [intent, c]));
  const known = new Map<string, number>();
  const shared = new Set<string>();
  for (const { text, intent } of examples) {
    const key = knownExampleKey(text);
    const c = classOf.get(intent);
    if (!key || c === undefined || shared.has(key)) continue;
    if (known.has(key) && known.get(key) !== c) {
      known.delete(key);
      shared.add(key);
    } else known.set(key, c);
  }
  return known;
}

/** The model, knowing its training examples: the artifact leaves them out (see deserialize). */
export function withKnownExamples(
  model: IntentClassifier,
  examples: readonly TrainingExampleInput[],
): IntentClassifier {
  return { ...model, knownExamples: knownExamples(examples, model.intents) };
}

/**
 * The decision for a message that is one of the model's own training examples: the admin said
 * what it means, so it is answered with certainty (handed off for a handoff intent), first in the
 * ranking whatever the classifier read — or, an out-of-scope example, not answered. The
 * classifier's read of its own examples is softened by regularisation and sometimes fell below
 * the threshold: 14 of the English demo's 308 examples ("do you have a showroom", "menu") and 39 of
 * the Chinese demo's 217 ("谢啦", "晚安") got "I don't know". Any other message is decided as the
 * classifier read it.
 */
export function withKnownExample(
  decided: IntentDecision,
  model: Pick<IntentClassifier, 'intents' | 'outOfScopeIntent' | 'knownExamples'>,
  text: string,
  handoffIntents?: ReadonlySet<string>,
): IntentDecision {
  const c = model.knownExamples.get(knownExampleKey(text));
  if (c === undefined) return decided;
  const intent = model.intents[c];
  if (intent === model.outOfScopeIntent) {
    return {
      ...decided,
      intent: null,
      confidence: 0,
      decision: 'fallback',
      candidates: null,
      knownExample: true,
    };
  }
  const own = decided.ranking.find((ranked) => ranked.intent === intent) ?? {
    intent,
    confidence: 0,
  };
  return {
    intent,
    confidence: 1,
    ranking: [own, ...decided.ranking.filter((ranked) => ranked !== own)],
    decision: handoffIntents?.has(intent) ? 'handoff' : 'answer',
    candidates: null,
    knownExample: true,
  };
}

/** A message of an evaluation decided as classify() decides it: a training example as its intent. */
export function evaluatedWithKnownExample(
  evaluated: EvaluatedExample,
  model: Pick<IntentClassifier, 'intents' | 'outOfScopeIntent' | 'knownExamples'>,
): EvaluatedExample {
  const known = withKnownExample(
    { ...evaluated, ranking: [], candidates: null },
    model,
    evaluated.text,
  );
  if (!known.knownExample) return evaluated;
  const { intent, decision, confidence } = known;
  return { ...evaluated, intent, decision, confidence };
}

import type { IntentClassifier } from './model';

const STEM_PREFIX = 's:';
const learned = new WeakMap<IntentClassifier, Map<string, ReadonlySet<string>>>();

/**
 * The word stems the classifier learned as evidence for an intent (a positive weight): the words
 * its examples ask with. Worked out once per intent of a loaded classifier.
 */
export function learnedStems(classifier: IntentClassifier, intent: string): ReadonlySet<string> {
  let byIntent = learned.get(classifier);
  if (!byIntent) learned.set(classifier, (byIntent = new Map()));
  let stems = byIntent.get(intent);
  if (!stems) byIntent.set(intent, (stems = findLearnedStems(classifier, intent)));
  return stems;
}

function findLearnedStems(classifier: IntentClassifier, intent: string): Set<string> {
  const stems = new Set<string>();
  const at = classifier.intents.indexOf(intent);
  if (at < 0) return stems;
  const { classes, weights } = classifier.scorer;
  classifier.features.terms.forEach((term, column) => {
    // Single stems only: "s:gift card" is a pair of them.
    if (!term.startsWith(STEM_PREFIX) || term.includes(' ')) return;
    if (weights[column * classes + at] > 0) stems.add(term.slice(STEM_PREFIX.length));
  });
  return stems;
}

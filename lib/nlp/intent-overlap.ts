import type { TrainingMetrics } from './metrics';
import { preprocess, type Language } from './preprocess';

/** Two intents whose held-out examples the model often takes for one another. */
export interface ConfusedIntents {
  intents: [string, string];
  /** Shares of each intent's held-out examples whose top prediction was the other intent. */
  firstAsSecond: number;
  secondAsFirst: number;
}

/**
 * Overlap is an intent read mostly as another, or two intents read as each other both ways. Measured
 * on the demo shop (5-fold): its distinct intents peak at 29% one way and 12% back (business_info →
 * help); a duplicated intent (track_order beside order_status) at 80% and 47%.
 */
export const MOSTLY = 0.5;
export const BOTH_WAYS = 0.2;
/** At fewer held-out examples one mistake would be a fifth. */
const MIN_HELD_OUT = 3;

/** Pairs of intents confused in either direction, worst first (out of scope is not an intent). */
export function confusedIntentPairs(
  metrics: Pick<TrainingMetrics, 'confusion'>,
  outOfScopeIntent = 'oos',
): ConfusedIntents[] {
  const { labels, matrix } = metrics.confusion;
  const rowTotals = matrix.map((row) => row.reduce((sum, count) => sum + count, 0));
  const share = (from: number, to: number) =>
    rowTotals[from] >= MIN_HELD_OUT ? matrix[from][to] / rowTotals[from] : 0;
  const pairs: ConfusedIntents[] = [];
  for (let a = 0; a < labels.length; a++) {
    for (let b = a + 1; b < labels.length; b++) {
      if (labels[a] === outOfScopeIntent || labels[b] === outOfScopeIntent) continue;
      const firstAsSecond = share(a, b);
      const secondAsFirst = share(b, a);
      if (
        Math.max(firstAsSecond, secondAsFirst) >= MOSTLY ||
        Math.min(firstAsSecond, secondAsFirst) >= BOTH_WAYS
      ) {
        pairs.push({ intents: [labels[a], labels[b]], firstAsSecond, secondAsFirst });
      }
    }
  }
  return pairs.sort(
    (x, y) =>
      Math.max(y.firstAsSecond, y.secondAsFirst) - Math.max(x.firstAsSecond, x.secondAsFirst),
  );
}

/** Two examples of different intents that say nearly the same thing. */
export interface SimilarExamples {
  first: number;
  second: number;
  /** TF-IDF cosine of their words (less stopwords). */
  similarity: number;
}

/**
 * TF-IDF cosine (words less stopwords) at which two examples of different intents teach the same
 * thing: "where is my order" and "where's my order now" score 1.0, "track my order" and "where is my
 * order" 0.34 (each pair scored on its own); the demo shop's closest pair of distinct intents 0.82 ("what are my options" under
 * help, "what are the delivery options" under shipping).
 */
export const NEAR_DUPLICATE_COSINE = 0.85;

/**
 * Pairs of examples under different intents whose TF-IDF word vectors are near duplicates. Only
 * examples sharing a term are compared (through postings), so a site's few thousand examples take
 * milliseconds, not a full n² pass.
 */
export function similarExamplesAcrossIntents(
  examples: ReadonlyArray<{ text: string; intent: string }>,
  language: Language,
  minimum = NEAR_DUPLICATE_COSINE,
): SimilarExamples[] {
  const terms = examples.map((example) => [
    ...new Set(preprocess(example.text, language).withoutStopwords),
  ]);
  const documentFrequency = new Map<string, number>();
  for (const set of terms) {
    for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) =>
    Math.log((1 + examples.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
  const norms = terms.map((set) => Math.sqrt(set.reduce((sum, term) => sum + idf(term) ** 2, 0)));
  const postings = new Map<string, number[]>();
  const found: SimilarExamples[] = [];
  terms.forEach((set, i) => {
    if (norms[i] === 0) return;
    // Dot products with every earlier example that shares a term.
    const dots = new Map<number, number>();
    for (const term of set) {
      const weight = idf(term) ** 2;
      for (const j of postings.get(term) ?? []) dots.set(j, (dots.get(j) ?? 0) + weight);
    }
    for (const [j, dot] of dots) {
      if (examples[j].intent === examples[i].intent) continue;
      const similarity = dot / (norms[i] * norms[j]);
      if (similarity >= minimum) found.push({ first: j, second: i, similarity });
    }
    for (const term of set) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  return found.sort((x, y) => y.similarity - x.similarity);
}

import type { Bm25Index } from './bm25';

/**
 * Query terms the articles never use, replaced by the article term they are a typo of ("warrenty" →
 * "warranty", "terracota" → "terracotta"): one edit for terms of 5+ letters, two for 8+, the most
 * frequent term on a tie. Shorter terms are left alone: too many short words are one edit apart.
 */
export function correctTypos(terms: readonly string[], index: Bm25Index): string[] {
  return terms.map((term) => {
    if (index.frequency(term) > 0 || term.length < 5) return term;
    const allowed = term.length >= 8 ? 2 : 1;
    let best: { term: string; distance: number; frequency: number } | null = null;
    for (const candidate of index.vocabulary()) {
      if (Math.abs(candidate.length - term.length) > allowed) continue;
      const distance = editDistance(term, candidate, allowed);
      if (distance > allowed) continue;
      const frequency = index.frequency(candidate);
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && frequency > best.frequency)
      ) {
        best = { term: candidate, distance, frequency };
      }
    }
    return best?.term ?? term;
  });
}

/** Optimal string alignment distance (a swap of two neighbours is one edit), or more than `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

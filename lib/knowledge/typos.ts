import type { Bm25Index } from './bm25';
import { typoDistance } from '@/lib/nlp';
import { keptPerIndex } from './kept-per-index';

/**
 * Query terms the articles never use, replaced by the article term they are a typo of ("warrenty" →
 * "warranty", "terracota" → "terracotta"): one edit for terms of 5+ letters, two for 8+, the most
 * frequent term on a tie. Shorter terms are left alone: too many short words are one edit apart.
 */
export function correctTypos(terms: readonly string[], index: Bm25Index): string[] {
  return terms.map((term) =>
    index.frequency(term) > 0 || term.length < 5
      ? term
      : correction(index, term, () => closestTerm(term, index)),
  );
}

/**
 * Finding a term's correction compares it with the whole vocabulary, for every message that has
 * it ("bench", a product name the articles do not use): 6% of the server's main thread at 500
 * messages/s before it was kept.
 */
const correction = keptPerIndex<string>(10_000);

function closestTerm(term: string, index: Bm25Index): string {
  const allowed = term.length >= 8 ? 2 : 1;
  let best: { term: string; distance: number; frequency: number } | null = null;
  for (const candidate of index.vocabulary()) {
    if (Math.abs(candidate.length - term.length) > allowed) continue;
    const distance = typoDistance(term, candidate, allowed);
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
}

import { preprocess, type Language } from '@/lib/nlp';
import type { ReviewGroup, ReviewItem } from '@/lib/schemas/inbox';

/** Cosine similarity above which two messages "say the same thing" for one-click labelling. */
export const SAME_MEANING = 0.45;

type Vector = Map<string, number>;

/**
 * Groups review items that read alike: TF-IDF over content stems and character n-grams (typo
 * tolerant), each item joining the group whose centroid it is closest to, or starting a new one.
 * Biggest groups first: they teach the bot the most per click.
 */
export function groupReviewItems(items: ReviewItem[], language: (siteId: string) => Language): ReviewGroup[] {
  const bags = items.map((item) => termBag(item.body, language(item.siteId)));
  const documentFrequency = new Map<string, number>();
  for (const bag of bags) for (const term of bag.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vectors = bags.map((bag) => {
    const vector: Vector = new Map();
    for (const [term, count] of bag) {
      vector.set(term, (1 + Math.log(count)) * Math.log((1 + items.length) / (1 + documentFrequency.get(term)!)) + 1);
    }
    return normalize(vector);
  });

  const groups: { items: ReviewItem[]; centroid: Vector; siteId: string }[] = [];
  items.forEach((item, index) => {
    let best: (typeof groups)[number] | undefined;
    let bestScore = SAME_MEANING;
    for (const group of groups) {
      if (group.siteId !== item.siteId) continue;
      const score = cosine(vectors[index], group.centroid);
      if (score >= bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best) {
      best.items.push(item);
      best.centroid = normalize(addInto(new Map(best.centroid), vectors[index], 1 / best.items.length));
    } else {
      groups.push({ items: [item], centroid: vectors[index], siteId: item.siteId });
    }
  });

  return groups
    .map((group) => ({ items: group.items, suggestedIntent: mostCommon(group.items.map((item) => item.botIntent)) }))
    .sort((a, b) => b.items.length - a.items.length);
}

function termBag(text: string, language: Language): Map<string, number> {
  const read = preprocess(text, language);
  const bag = new Map<string, number>();
  const add = (term: string, weight: number) => bag.set(term, (bag.get(term) ?? 0) + weight);
  for (const stem of read.stems) add(`s:${stem}`, 2);
  for (const gram of read.charNgrams) add(`c:${gram}`, 1);
  return bag;
}

function normalize(vector: Vector): Vector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (const [term, value] of vector) vector.set(term, value / norm);
  return vector;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
  return dot;
}

function addInto(target: Vector, source: Vector, weight: number): Vector {
  for (const [term, value] of source) target.set(term, (target.get(term) ?? 0) + value * weight);
  return target;
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (!best || count > counts.get(best)!) best = value;
  return best;
}

import { preprocess, type Language } from '@/lib/nlp';
import { guessWorthOffering, type ReviewGroup, type ReviewItem } from '@/lib/schemas/inbox';

/**
 * Cosine similarity above which two messages "say the same thing" for one-click labelling. Chinese
 * messages are short and their single characters dilute the vectors more, so the bar is lower.
 */
export const SAME_MEANING: Record<Language, number> = {
  en: 0.5,
  zh: 0.4,
  // Spaced languages read like English here (not measured per language).
  es: 0.5,
  fr: 0.5,
  de: 0.5,
  pt: 0.5,
  it: 0.5,
};

type Vector = Map<string, number>;
interface Group {
  items: ReviewItem[];
  vectors: Vector[];
  centroid: Vector;
  siteId: string;
}

/**
 * Groups review items that read alike: term vectors over content stems and character n-grams (typo
 * tolerant; no IDF, which over a small queue would down-weight exactly the words the group shares).
 * Each item joins the nearest group above SAME_MEANING or starts one; then every item moves to the
 * nearest of the final centroids, so the result hinges less on the order items came in.
 * Biggest groups first: they teach the bot the most per click.
 */
export function groupReviewItems(
  items: ReviewItem[],
  language: (siteId: string) => Language,
): ReviewGroup[] {
  const vectors = items.map((item) => normalize(termBag(item.body, language(item.siteId))));
  const nearest = (groups: Group[], item: ReviewItem, vector: Vector): Group | undefined => {
    let best: Group | undefined;
    let bestScore = SAME_MEANING[language(item.siteId)];
    for (const group of groups) {
      if (group.siteId !== item.siteId) continue;
      const score = cosine(vector, group.centroid);
      if (score >= bestScore) {
        best = group;
        bestScore = score;
      }
    }
    return best;
  };
  const assign = (groups: Group[], item: ReviewItem, vector: Vector) => {
    const group = nearest(groups, item, vector);
    if (group) {
      group.items.push(item);
      group.vectors.push(vector);
      group.centroid = centroidOf(group.vectors);
    } else {
      groups.push({ items: [item], vectors: [vector], centroid: vector, siteId: item.siteId });
    }
  };

  const first: Group[] = [];
  items.forEach((item, index) => assign(first, item, vectors[index]));
  // Second pass against the first pass's final centroids, held fixed.
  const settled: Group[] = first.map((group) => ({ ...group, items: [], vectors: [] }));
  items.forEach((item, index) => {
    const group = nearest(settled, item, vectors[index]);
    if (group) group.items.push(item);
    else
      settled.push({
        items: [item],
        vectors: [vectors[index]],
        centroid: vectors[index],
        siteId: item.siteId,
      });
  });

  return settled
    .filter((group) => group.items.length > 0)
    .map((group) => ({
      items: group.items,
      suggestedIntent: mostCommon(
        group.items.map((item) => guessWorthOffering(item.botIntent, item.botConfidence)),
      ),
    }))
    .sort((a, b) => b.items.length - a.items.length);
}

function centroidOf(vectors: Vector[]): Vector {
  const sum: Vector = new Map();
  for (const vector of vectors)
    for (const [term, value] of vector) sum.set(term, (sum.get(term) ?? 0) + value);
  return normalize(sum);
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

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (!best || count > counts.get(best)!) best = value;
  return best;
}

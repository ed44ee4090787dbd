import { db } from '@/lib/db';
import { Language, TrainingMetrics } from '@/lib/nlp';
import { confusedIntentPairs, similarExamplesAcrossIntents } from '@/lib/nlp/intent-overlap';
import { OUT_OF_SCOPE_INTENT } from './formats/out-of-scope';

interface OverlapSide {
  id: string;
  name: string;
  exampleCount: number;
}

/** Two intents that look like one: the model confuses them, or their examples say the same thing. */
export interface IntentOverlap {
  first: OverlapSide;
  second: OverlapSide;
  /** Shares of each one's held-out examples read as the other (null: the model does not confuse them). */
  confusion: { firstAsSecond: number; secondAsFirst: number } | null;
  /** The closest pairs of their examples (a few), first's text then second's. */
  similarExamples: Array<{ first: string; second: string; similarity: number }>;
  /** The one with fewer examples is suggested to fold into the other. */
  mergeInto: 'first' | 'second';
}

const SHOWN_EXAMPLE_PAIRS = 3;
/**
 * Past this many examples the similarity pass would slow every load of the page (BANKING77's first
 * 1,000 examples take 64 ms, 5,000 take 415 ms on the 2-core machine); larger sites rely on the
 * evaluation's confusion, which costs nothing here.
 */
const MAX_COMPARED_EXAMPLES = 3_000;

/**
 * Overlapping intents of a site, from the evaluation's confusion (the given version's, else the
 * latest) and from near-duplicate examples across intents; confused pairs first.
 */
export async function findOverlappingIntents(
  siteId: string,
  metrics?: TrainingMetrics | null,
): Promise<IntentOverlap[]> {
  const [site, intents, latest] = await Promise.all([
    db().site.findUniqueOrThrow({ where: { id: siteId }, select: { language: true } }),
    db().intent.findMany({
      where: { siteId, name: { not: OUT_OF_SCOPE_INTENT } },
      select: { id: true, name: true, examples: { select: { text: true } } },
    }),
    metrics === undefined
      ? db().modelVersion.findFirst({
          where: { siteId },
          orderBy: { version: 'desc' },
          select: { metrics: true },
        })
      : null,
  ]);
  const evaluation =
    metrics === undefined ? TrainingMetrics.safeParse(latest?.metrics).data : metrics;
  const byName = new Map(intents.map((intent) => [intent.name, intent]));
  const overlaps = new Map<string, IntentOverlap>();
  const overlapOf = (a: string, b: string): IntentOverlap | undefined => {
    const [firstName, secondName] = a < b ? [a, b] : [b, a];
    const first = byName.get(firstName);
    const second = byName.get(secondName);
    if (!first || !second) return undefined; // an intent deleted since the evaluation
    const key = `${first.id}|${second.id}`;
    let overlap = overlaps.get(key);
    if (!overlap) {
      const side = (intent: typeof first) => ({
        id: intent.id,
        name: intent.name,
        exampleCount: intent.examples.length,
      });
      overlap = {
        first: side(first),
        second: side(second),
        confusion: null,
        similarExamples: [],
        mergeInto: first.examples.length >= second.examples.length ? 'first' : 'second',
      };
      overlaps.set(key, overlap);
    }
    return overlap;
  };

  for (const pair of evaluation ? confusedIntentPairs(evaluation, OUT_OF_SCOPE_INTENT) : []) {
    const overlap = overlapOf(...pair.intents);
    if (!overlap) continue;
    const swapped = overlap.first.name !== pair.intents[0];
    overlap.confusion = swapped
      ? { firstAsSecond: pair.secondAsFirst, secondAsFirst: pair.firstAsSecond }
      : { firstAsSecond: pair.firstAsSecond, secondAsFirst: pair.secondAsFirst };
  }

  const examples = intents.flatMap((intent) =>
    intent.examples.map((example) => ({ text: example.text, intent: intent.name })),
  );
  if (examples.length <= MAX_COMPARED_EXAMPLES) {
    const language = Language.catch('en').parse(site.language);
    for (const pair of similarExamplesAcrossIntents(examples, language)) {
      const [a, b] = [examples[pair.first], examples[pair.second]];
      const overlap = overlapOf(a.intent, b.intent);
      if (!overlap || overlap.similarExamples.length >= SHOWN_EXAMPLE_PAIRS) continue;
      const inOrder = overlap.first.name === a.intent;
      overlap.similarExamples.push({
        first: inOrder ? a.text : b.text,
        second: inOrder ? b.text : a.text,
        similarity: pair.similarity,
      });
    }
  }
  return [...overlaps.values()].sort(
    (x, y) => Number(y.confusion !== null) - Number(x.confusion !== null),
  );
}

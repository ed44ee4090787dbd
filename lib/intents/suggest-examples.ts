import { db } from '@/lib/db';
import { classify } from '@/lib/nlp';
import { liveClassifier, liveEmbeddings } from '@/lib/training';
import { exampleKey } from './example-key';

/** A visitor message from the review queue that the live model would assign to an intent. */
export interface ExampleSuggestion {
  messageId: string;
  text: string;
  /** The live model's confidence in the intent. */
  confidence: number;
}

/** The newest review-queue messages read; the inbox's queue shows as many. */
const QUEUE_LIMIT = 300;
const PER_INTENT = 5;
/**
 * Below this the model's pick is a guess among many intents, not a suggestion worth a click
 * (a floor, not measured: the admin still judges every suggestion).
 */
const MIN_CONFIDENCE = 0.3;

/**
 * Examples to add, by intent name: unlabelled visitor messages the bot was unsure about (the inbox's
 * review queue), each under the intent the live model ranks first, most confident first. Messages
 * already an example of some intent are left out. Empty without a live model.
 */
export async function suggestExamples(siteId: string): Promise<Map<string, ExampleSuggestion[]>> {
  const suggestions = new Map<string, ExampleSuggestion[]>();
  const live = await liveClassifier(siteId);
  if (!live) return suggestions;
  const [queued, examples] = await Promise.all([
    db().message.findMany({
      where: { reviewState: 'pending', sender: 'visitor', conversation: { siteId } },
      orderBy: { createdAt: 'desc' },
      take: QUEUE_LIMIT,
      select: { id: true, body: true },
    }),
    db().trainingExample.findMany({ where: { intent: { siteId } }, select: { text: true } }),
  ]);
  const seen = new Set(examples.map((example) => exampleKey(example.text)));
  const { classifier } = live;
  const embed = liveEmbeddings(classifier);
  for (const message of queued) {
    const key = exampleKey(message.body);
    if (seen.has(key)) continue;
    seen.add(key);
    const [top] = (await classify(classifier, message.body, { embed })).ranking;
    if (!top || top.confidence < MIN_CONFIDENCE) continue;
    const list = suggestions.get(top.intent) ?? [];
    list.push({ messageId: message.id, text: message.body, confidence: top.confidence });
    suggestions.set(top.intent, list);
  }
  for (const [intent, list] of suggestions) {
    suggestions.set(intent, list.sort((a, b) => b.confidence - a.confidence).slice(0, PER_INTENT));
  }
  return suggestions;
}

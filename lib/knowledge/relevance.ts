import { z } from 'zod';
import type { Bm25Index } from './bm25';
import fitted from './relevance-fit.json';

/** What the calibration reads about the best article for a question. */
export interface RelevanceFeatures {
  /** IDF-weighted share of the question's terms found in the passage (its article title included). */
  coverage: number;
  /** The passage's BM25 score, normalised to 0..1 (Bm25Index.scores). */
  keyword: number;
  /** The best article's ranking score minus the next article's: a clear winner or a coin toss. */
  margin: number;
  /** IDF-weighted share of the question's terms found in the article's title. */
  title: number;
  /** Cosine similarity of the question and the passage; null without an embedding model. */
  meaning: number | null;
  /** The intent classifier's chance for intents whose responses are about this article; null without one. */
  intentFor: number | null;
  /** Its chance for every other intent; null without a classifier. */
  intentElsewhere: number | null;
  /** The question's terms that neither the article nor its intents' learned words hold; null without a classifier. */
  unexplained: number | null;
}

export type RetrievalMode = 'hybrid' | 'keywords';

const FEATURE_NAMES = [
  'coverage',
  'keyword',
  'margin',
  'title',
  'meaning',
  'intentFor',
  'intentElsewhere',
  'unexplained',
] as const;

const RelevanceModelSchema = z.object({
  /** The embedding model the hybrid weights were fitted with (null: keywords only). */
  embeddingModel: z.string().nullable(),
  bias: z.number(),
  weights: z.partialRecord(z.enum(FEATURE_NAMES), z.number()),
  /**
   * On the fitting questions, best first: [confidence, share of all questions answered wrongly
   * when the knowledge base answers at or above that confidence].
   */
  curve: z.array(z.tuple([z.number(), z.number()])),
});
export type RelevanceModel = z.infer<typeof RelevanceModelSchema>;

export const RelevanceFitSchema = z.object({
  about: z.string(),
  keywords: RelevanceModelSchema,
  hybrid: RelevanceModelSchema,
  /** The same, also reading what the site's intent classifier made of the question. */
  withIntents: z.object({ keywords: RelevanceModelSchema, hybrid: RelevanceModelSchema }),
});
export type RelevanceFit = z.infer<typeof RelevanceFitSchema>;

/** Fitted offline on the dev questions by scripts/fit-kb-relevance.ts (see `about` in the file). */
export const RELEVANCE_FIT: RelevanceFit = RelevanceFitSchema.parse(fitted);

/** The question's terms weighed by how rare they are, and which of them a text contains. */
export function weightedShare(
  terms: readonly string[],
  index: Bm25Index,
  found: (term: string) => boolean,
): number {
  let total = 0;
  let share = 0;
  for (const term of new Set(terms)) {
    const weight = index.idf(term);
    total += weight;
    if (found(term)) share += weight;
  }
  return total === 0 ? 0 : share / total;
}

/** Logistic model: the estimated probability that the best article answers the question. */
export function relevanceConfidence(features: RelevanceFeatures, model: RelevanceModel): number {
  let logit = model.bias;
  for (const name of FEATURE_NAMES) logit += (model.weights[name] ?? 0) * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-logit));
}

export interface KnowledgeSettings {
  /** The site's own minimum; null: derived from the wrong-answer budget. */
  knowledgeMinConfidence: number | null;
  /** Share of answers the site accepts being wrong. */
  wrongAnswerBudget: number;
}

/**
 * The confidence the knowledge base needs to answer: the site's own, else the lowest confidence at
 * which answering the fitting questions stayed within the wrong-answer budget.
 */
export function knowledgeThreshold(settings: KnowledgeSettings, model: RelevanceModel): number {
  if (settings.knowledgeMinConfidence !== null) return settings.knowledgeMinConfidence;
  let threshold = 1;
  for (const [confidence, wrongShare] of model.curve) {
    if (wrongShare > settings.wrongAnswerBudget) break;
    threshold = confidence;
  }
  return threshold;
}

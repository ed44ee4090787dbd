import { embedTexts, EncoderBusyError, TURN_ENCODING_MAX_WAIT_MS } from '@/lib/ai';
import { BotSettingsSchema } from '@/lib/schemas/site';
import {
  knowledgeThreshold,
  RELEVANCE_FIT,
  relevanceConfidence,
  weightedShare,
  type KnowledgeSettings,
  type RelevanceFeatures,
  type RelevanceFit,
  type RetrievalMode,
} from './relevance';
import {
  articleOfIntent,
  intentSupport,
  unexplainedTerms,
  type IntentReading,
} from './intent-support';
import { articleWords } from './chinese-words';
import { retrievalTerms } from './terms';
import { withSynonyms } from './synonyms';
import { correctTypos } from './typos';
import { siteIndex } from './site-index';
import { cosine } from './vectors';

export interface Passage {
  chunkId: string;
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  /** 0..1, what passages are ranked by. */
  score: number;
  /** BM25, normalized to 0..1. */
  keywordScore: number;
  /** Cosine similarity of the embeddings; null without an embedding model. */
  meaningScore: number | null;
}

export interface Retrieval {
  /** Calibrated: the estimated probability that the best passage's article answers the question. */
  confidence: number;
  /** The confidence the site needs for a knowledge-base answer. */
  threshold: number;
  /** confidence ≥ threshold: the knowledge base knows the answer. */
  knows: boolean;
  mode: RetrievalMode;
  /** What the confidence was computed from; null when no passage matched at all. */
  features: RelevanceFeatures | null;
  /** The top passages, best first, including ones from articles that do not answer. */
  passages: Passage[];
  /**
   * Whether the `article` asked about clears the wrong-answer budget's threshold (a threshold of
   * the site's own for articles aside: it says when articles answer, not when intents may); null
   * when none was asked, or nothing matched.
   */
  articleKnows: boolean | null;
}

/**
 * Weight of keywords against meaning when ranking with both. Meaning leads ("package" finds the
 * parcel-tracking article, not the one about packaging); keywords still decide on exact names.
 */
const KEYWORD_WEIGHT = 0.3;

const DEFAULT_SETTINGS: KnowledgeSettings = BotSettingsSchema.parse({});

/** The site's knowledge-base passages that best answer `query`, and how sure that they do. */
export async function retrieve(
  siteId: string,
  query: string,
  {
    limit = 3,
    settings = DEFAULT_SETTINGS,
    intents,
    article,
  }: {
    limit?: number;
    settings?: KnowledgeSettings;
    /** What the site's classifier made of the question, when it has one. */
    intents?: IntentReading;
    /** An article to judge as well: the one an intent's answer sums up. */
    article?: string;
  } = {},
): Promise<Retrieval> {
  const index = await siteIndex(siteId);
  // A busy encoder leaves the question to the keywords, as without an embedding model.
  const queryVector = index.vectors
    ? await embedTexts([query], { maxWaitMs: TURN_ENCODING_MAX_WAIT_MS }).catch((error) => {
        if (error instanceof EncoderBusyError) return null;
        throw error;
      })
    : null;
  // The query must be embedded by the same model as the chunks to compare them.
  const vector = queryVector?.model === index.embeddingModel ? queryVector.vectors[0] : null;
  const mode: RetrievalMode = vector && index.vectors ? 'hybrid' : 'keywords';
  // Dense weights hold only for the embedding model they were fitted with. Another model still
  // ranks, but the confidence then reads the keywords alone: it can only make the bot more careful.
  const calibratedDense =
    mode === 'hybrid' && RELEVANCE_FIT.hybrid.embeddingModel === index.embeddingModel;
  const modelOf = (fitted: Pick<RelevanceFit, 'hybrid' | 'keywords'>) =>
    calibratedDense ? fitted.hybrid : fitted.keywords;
  // What the classifier says of an article counts only where some intent's answer is about it:
  // of an article no intent covers, the classifier knows nothing, and reading its silence as
  // "not this article" kept such articles from ever answering on a trained site.
  const coveredByIntents = (articleId: string) =>
    !!intents &&
    [...intents.responses.values()].some(
      (responses) => articleOfIntent(responses, index.articles, index.language) === articleId,
    );
  const modelFor = (articleId: string) =>
    modelOf(coveredByIntents(articleId) ? RELEVANCE_FIT.withIntents : RELEVANCE_FIT);
  const words = retrievalTerms(query, index.language);
  const terms = correctTypos(
    withSynonyms(
      index.language === 'zh' ? articleWords(words, index.keywords) : words,
      index.synonyms,
    ),
    index.keywords,
  );
  const keywordScores = index.keywords.scores(terms);

  const ranked = index.chunks
    .map((chunk, i) => {
      const meaningScore = vector && index.vectors ? cosine(vector, index.vectors[i]) : null;
      const keywordScore = keywordScores[i];
      const score =
        meaningScore === null
          ? keywordScore
          : KEYWORD_WEIGHT * keywordScore + (1 - KEYWORD_WEIGHT) * Math.max(0, meaningScore);
      return { i, chunk, score, keywordScore, meaningScore };
    })
    .sort((a, b) => b.score - a.score);
  const passages = ranked
    .slice(0, limit)
    .map(({ chunk, score, keywordScore, meaningScore }): Passage => ({
      chunkId: chunk.id,
      articleId: chunk.articleId,
      title: chunk.title,
      url: chunk.url,
      text: chunk.text,
      score,
      keywordScore,
      meaningScore,
    }));

  const best = ranked[0];
  if (!best || best.score <= 0 || terms.length === 0) {
    // Nothing to judge an article by: an intent's answer stands on its own confidence.
    return {
      confidence: 0,
      threshold: knowledgeThreshold(
        settings,
        modelOf(intents ? RELEVANCE_FIT.withIntents : RELEVANCE_FIT),
      ),
      knows: false,
      mode,
      features: null,
      passages,
      articleKnows: null,
    };
  }
  const calibrationScore = (entry: (typeof ranked)[number]) =>
    calibratedDense ? entry.score : entry.keywordScore;
  /** What the confidence reads about an article, from its best passage. */
  const featuresOf = (entry: (typeof ranked)[number]): RelevanceFeatures => {
    const { articleId } = entry.chunk;
    // The margin is to the next article, not the next chunk: two sections of the right article agree.
    const otherArticles = Math.max(
      0,
      ...ranked.filter((other) => other.chunk.articleId !== articleId).map(calibrationScore),
    );
    return {
      coverage: weightedShare(terms, index.keywords, (term) =>
        index.keywords.contains(entry.i, term),
      ),
      keyword: entry.keywordScore,
      margin: calibrationScore(entry) - otherArticles,
      title: weightedShare(terms, index.keywords, (term) => entry.chunk.titleTerms.has(term)),
      meaning: calibratedDense ? entry.meaningScore : null,
      ...(intents
        ? {
            ...intentSupport(intents, articleId, index.articles, index.language),
            unexplained: unexplainedTerms(
              terms,
              intents,
              articleId,
              index.articles,
              index.language,
            ),
          }
        : { intentFor: null, intentElsewhere: null, unexplained: null }),
    };
  };
  const features = featuresOf(best);
  const model = modelFor(best.chunk.articleId);
  const confidence = relevanceConfidence(features, model);
  const threshold = knowledgeThreshold(settings, model);
  const asked = article ? ranked.find((entry) => entry.chunk.articleId === article) : undefined;
  /** Whether an article clears the budget's threshold (not a site's own: that one is for articles). */
  const clearsBudget = (entry: (typeof ranked)[number]) => {
    const its = modelFor(entry.chunk.articleId);
    return (
      relevanceConfidence(featuresOf(entry), its) >=
      knowledgeThreshold({ ...settings, knowledgeMinConfidence: null }, its)
    );
  };
  return {
    confidence,
    threshold,
    knows: confidence >= threshold,
    mode,
    features,
    passages,
    articleKnows: asked ? clearsBudget(asked) : null,
  };
}

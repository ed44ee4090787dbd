import { embedTexts } from '@/lib/ai';
import { retrievalTerms } from './terms';
import { siteIndex } from './site-index';
import { cosine } from './vectors';

export interface Passage {
  chunkId: string;
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  /** 0..1, what the threshold compares. */
  score: number;
  /** BM25, normalized to 0..1. */
  keywordScore: number;
  /** Cosine similarity of the embeddings; null without an embedding model. */
  meaningScore: number | null;
}

export interface Retrieval {
  /** The best passage clears the relevance threshold: the knowledge base knows the answer. */
  knows: boolean;
  threshold: number;
  mode: 'hybrid' | 'keywords';
  /** The top passages, best first, including ones below the threshold. */
  passages: Passage[];
}

/**
 * Weight of keywords against meaning when both are available. Meaning leads ("package" finds the
 * parcel-tracking article, not the one about packaging); keywords still decide on exact names.
 */
const KEYWORD_WEIGHT = 0.3;

/**
 * Below these, the articles do not answer the question. Keyword scores are "share of the question's
 * information found" (tuned on the demo knowledge base's questions); hybrid scores mix that with the
 * cosine similarity of sentence embeddings.
 */
export const RELEVANCE_THRESHOLD = { keywords: 0.3, hybrid: 0.35 } as const;

/** The site's knowledge-base passages that best answer `query`. */
export async function retrieve(
  siteId: string,
  query: string,
  { limit = 3 }: { limit?: number } = {},
): Promise<Retrieval> {
  const index = await siteIndex(siteId);
  const queryVector = index.vectors ? await embedTexts([query]) : null;
  // The query must be embedded by the same model as the chunks to compare them.
  const vector = queryVector?.model === index.embeddingModel ? queryVector.vectors[0] : null;
  const mode = vector && index.vectors ? 'hybrid' : 'keywords';
  const threshold = RELEVANCE_THRESHOLD[mode];
  const keywordScores = index.keywords.scores(retrievalTerms(query, index.language));

  const passages = index.chunks
    .map((chunk, i): Passage => {
      const meaningScore = vector && index.vectors ? cosine(vector, index.vectors[i]) : null;
      const keywordScore = keywordScores[i];
      const score =
        meaningScore === null
          ? keywordScore
          : KEYWORD_WEIGHT * keywordScore + (1 - KEYWORD_WEIGHT) * Math.max(0, meaningScore);
      return {
        chunkId: chunk.id,
        articleId: chunk.articleId,
        title: chunk.title,
        url: chunk.url,
        text: chunk.text,
        score,
        keywordScore,
        meaningScore,
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return { knows: (passages[0]?.score ?? 0) >= threshold, threshold, mode, passages };
}

import type { RankedIntent } from '@/lib/nlp';
import type { SiteLanguage } from '@/lib/schemas/site';
import type { Citation } from '@/lib/schemas/message';
import type { Bm25Index } from './bm25';
import { keptPerIndex } from './kept-per-index';
import { siteIndex } from './site-index';
import { retrievalTerms } from './terms';

/** What the site's intent classifier made of the question, and what each intent answers. */
export interface IntentReading {
  /** In-scope intents, most likely first, with their calibrated probabilities. */
  ranking: readonly RankedIntent[];
  /** Each intent's responses. */
  responses: ReadonlyMap<string, readonly string[]>;
  /** The word stems the classifier learned as evidence for an intent: how visitors ask for it. */
  learnedStems: (intent: string) => ReadonlySet<string>;
}

/** How much of an intent's responses one article must cover, and by how much more than any other. */
const ABOUT_ARTICLE = { score: 0.5, margin: 0.2 };

/**
 * The article an intent's responses are about ("shipping" says what "Shipping and delivery"
 * says), or null: keyword score of the responses against whole articles, one clear winner.
 */
export function articleOfIntent(
  responses: readonly string[],
  articles: { ids: readonly string[]; keywords: Bm25Index },
  language: SiteLanguage,
): string | null {
  return aboutArticle(articles, `${language}\u0000${responses.join('\u0001')}`, () =>
    findArticleOfIntent(responses, articles, language),
  );
}

/**
 * Retrieval reads every ranked intent for every candidate article of every message, and reading
 * the responses again each time (preprocessing, then a keyword score against every article) took a
 * quarter of the server's main thread at 500 messages/s before it was kept.
 */
const aboutArticle = keptPerIndex<string | null>(10_000);

function findArticleOfIntent(
  responses: readonly string[],
  articles: { ids: readonly string[]; keywords: Bm25Index },
  language: SiteLanguage,
): string | null {
  const terms = responses.flatMap((response) => retrievalTerms(response, language));
  if (terms.length === 0) return null;
  const scores = [...articles.keywords.scores(terms)];
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const [best, next] = [scores[order[0]] ?? 0, scores[order[1]] ?? 0];
  return best >= ABOUT_ARTICLE.score && best - next >= ABOUT_ARTICLE.margin
    ? articles.ids[order[0]]
    : null;
}

/**
 * The classifier's view of an article as the answer: the chance it gives the intents whose
 * responses are about that article, and the chance it gives every other intent. The intents'
 * examples are how visitors ask, so they know paraphrases the articles' words miss.
 */
export function intentSupport(
  reading: IntentReading,
  articleId: string,
  articles: { ids: readonly string[]; keywords: Bm25Index },
  language: SiteLanguage,
): { intentFor: number; intentElsewhere: number } {
  let intentFor = 0;
  let intentElsewhere = 0;
  for (const { intent, confidence } of reading.ranking) {
    const about = articleOfIntent(reading.responses.get(intent) ?? [], articles, language);
    if (about === articleId) intentFor += confidence;
    else intentElsewhere += confidence;
  }
  return { intentFor, intentElsewhere };
}

/**
 * How many of the question's terms neither the article nor the intents about it account for. A
 * visitor may ask in words the article never uses, but then the classifier learned them from the
 * site's examples for that answer; a term neither knows is often the one detail the article does
 * not give ("can I buy an *extended* warranty", "a gift card for a *birthday*"). With it the eval
 * questions got 83 right answers and 6 wrong instead of 80 and 8 (README, knowledge-base answers).
 */
export function unexplainedTerms(
  terms: readonly string[],
  reading: IntentReading,
  articleId: string,
  articles: { ids: readonly string[]; keywords: Bm25Index },
  language: SiteLanguage,
): number {
  const article = articles.ids.indexOf(articleId);
  const aboutIntents = reading.ranking
    .map(({ intent }) => intent)
    .filter(
      (intent) =>
        articleOfIntent(reading.responses.get(intent) ?? [], articles, language) === articleId,
    );
  let unexplained = 0;
  for (const term of new Set(terms)) {
    if (articles.keywords.contains(article, term)) continue;
    if (aboutIntents.some((intent) => reading.learnedStems(intent).has(term))) continue;
    unexplained += 1;
  }
  return unexplained;
}

/** The article an intent's responses are about, to cite beside its answer; null when none is clearly. */
export async function intentArticle(
  siteId: string,
  responses: readonly string[],
): Promise<Citation | null> {
  const index = await siteIndex(siteId);
  const articleId = articleOfIntent(responses, index.articles, index.language);
  const chunk = articleId ? index.chunks.find((each) => each.articleId === articleId) : undefined;
  return chunk ? { articleId: chunk.articleId, title: chunk.title, url: chunk.url } : null;
}

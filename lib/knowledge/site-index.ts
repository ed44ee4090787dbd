import { embeddingModelReads, readyEmbeddingModelKey } from '@/lib/ai';
import { db, siteCache } from '@/lib/db';
import { preprocess } from '@/lib/nlp';
import { SiteLanguageSchema, type SiteLanguage } from '@/lib/schemas/site';
import { Bm25Index } from './bm25';
import { indexedText } from './chunk-article';
import { indexArticle } from './index-article';
import { retrievalTerms } from './terms';
import { articleSynonyms } from './synonyms';
import { bytesToVector } from './vectors';

export interface SearchableChunk {
  id: string;
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  /** The article title's retrieval terms. */
  titleTerms: ReadonlySet<string>;
}

/** Everything retrieval needs for one site, in memory. */
export interface SiteIndex {
  language: SiteLanguage;
  chunks: SearchableChunk[];
  keywords: Bm25Index;
  /** One per chunk, from `embeddingModel`; null when the model is off or some chunk lacks one. */
  vectors: Float32Array[] | null;
  embeddingModel: string | null;
  /** Whole articles for keyword search (what an intent's responses are about), ids in order. */
  articles: { ids: string[]; keywords: Bm25Index };
  /** Query stems the articles never use → the article stems they are synonyms of (English). */
  synonyms: ReadonlyMap<string, readonly string[]>;
  /** Changes whenever an article is added, edited, deleted or (re-)embedded. */
  signature: string;
}

interface ArticleFreshness {
  id: string;
  /** Edited since the last indexing (or never indexed). */
  stale: boolean;
  /** Some chunk has no embedding from the current model. */
  unembedded: boolean;
  indexedAt: Date | null;
}

interface KnowledgeCache {
  bySite: Map<string, SiteIndex>;
  /** Per site: one refresh at a time, shared by concurrent questions. */
  refreshing: Map<string, Promise<void>>;
  embedding: Map<string, Promise<void>>;
  /** Indexes being built, by site and signature. */
  building: Map<string, Promise<SiteIndex>>;
}

// One cache per process, also for a Next.js route bundle's copy of this module.
const globalForKnowledge = globalThis as unknown as { hearthKnowledge?: KnowledgeCache };
const cache = (globalForKnowledge.hearthKnowledge ??= {
  bySite: new Map(),
  refreshing: new Map(),
  embedding: new Map(),
  building: new Map(),
});

/** An index as of the last look at the site's articles, with the embedding model it was made for. */
interface CheckedIndex {
  index: SiteIndex;
  model: string | null;
  /** Missing embeddings are being computed: look at the articles again next time. */
  embedding: boolean;
}

// Looked at again only when any node changes the site's articles (lib/db siteCache).
const checkedIndexes = siteCache(async (siteId): Promise<CheckedIndex> => {
  const model = readyEmbeddingModelKey();
  return { model, ...(await currentIndex(siteId, model)) };
});

/**
 * The site's search index, current with the database: any node's article edits reach every node at
 * once. Articles edited since their last indexing are indexed first; missing embeddings are
 * computed in the background while keyword search answers.
 */
export async function siteIndex(siteId: string): Promise<SiteIndex> {
  let checked = await checkedIndexes.read(siteId);
  if (checked.model !== readyEmbeddingModelKey()) {
    checkedIndexes.forget(siteId);
    checked = await checkedIndexes.read(siteId);
  }
  if (checked.embedding) checkedIndexes.forget(siteId);
  return checked.index;
}

/** One query tells whether the index in memory is current; it is rebuilt when it is not. */
async function currentIndex(
  siteId: string,
  model: string | null,
): Promise<{ index: SiteIndex; embedding: boolean }> {
  let articles = await articleFreshness(siteId, model);
  if (articles.some((article) => article.stale)) {
    await once(cache.refreshing, siteId, async () => {
      for (const article of articles.filter((candidate) => candidate.stale)) {
        await indexArticle(article.id, { embeddings: 'if-ready' });
      }
    });
    articles = await articleFreshness(siteId, model);
  }
  const unembedded = articles.filter((article) => article.unembedded);
  if (model && unembedded.length) {
    void once(cache.embedding, siteId, async () => {
      for (const article of unembedded) await indexArticle(article.id, { embeddings: 'wait' });
    }).catch((error) =>
      console.error(`[knowledge] embedding articles of site ${siteId} failed:`, error),
    );
  }
  const signature = [
    articles.length,
    Math.max(0, ...articles.map((article) => article.indexedAt?.getTime() ?? 0)),
    unembedded.length,
    model,
  ].join('|');
  const embedding = model !== null && unembedded.length > 0;
  const cached = cache.bySite.get(siteId);
  if (cached?.signature === signature) return { index: cached, embedding };
  // Questions and connections arriving while it is built share the build.
  const built = await once(cache.building, `${siteId} ${signature}`, async () => {
    const index = await buildIndex(siteId, model, unembedded.length === 0, signature);
    cache.bySite.set(siteId, index);
    return index;
  });
  return { index: built, embedding };
}

async function articleFreshness(siteId: string, model: string | null): Promise<ArticleFreshness[]> {
  // md5 over the same text as articleHash() in chunk-article.ts.
  return db().$queryRaw<ArticleFreshness[]>`
    SELECT a."id",
      (a."indexedHash" IS DISTINCT FROM md5(a."title" || chr(10) || a."body")) AS "stale",
      (${model}::text IS NOT NULL AND EXISTS (
        SELECT 1 FROM "ArticleChunk" c
        WHERE c."articleId" = a."id" AND c."embeddingModel" IS DISTINCT FROM ${model}::text
      )) AS "unembedded",
      a."indexedAt"
    FROM "Article" a
    WHERE a."siteId" = ${siteId}`;
}

async function buildIndex(
  siteId: string,
  model: string | null,
  allEmbedded: boolean,
  signature: string,
): Promise<SiteIndex> {
  const site = await db().site.findUnique({ where: { id: siteId }, select: { language: true } });
  const language = SiteLanguageSchema.catch('en').parse(site?.language);
  const rows = await db().articleChunk.findMany({
    where: { article: { siteId } },
    select: {
      id: true,
      articleId: true,
      text: true,
      embedding: true,
      embeddingModel: true,
      article: { select: { title: true, url: true } },
    },
    orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
  });
  const chunks = rows.map((row) => ({
    id: row.id,
    articleId: row.articleId,
    title: row.article.title,
    url: row.article.url,
    text: row.text,
    titleTerms: new Set(retrievalTerms(row.article.title, language)),
  }));
  const chunkTerms = chunks.map((chunk) =>
    retrievalTerms(indexedText(chunk.title, chunk.text), language),
  );
  const keywords = new Bm25Index(chunkTerms);
  const articleIds = [...new Set(chunks.map((chunk) => chunk.articleId))];
  const articles = {
    ids: articleIds,
    keywords: new Bm25Index(
      articleIds.map((id) => chunkTerms.filter((_, i) => chunks[i].articleId === id).flat()),
    ),
  };
  const synonyms = language === 'en' ? await synonymsOf(chunks, keywords) : new Map();
  const dense =
    model !== null &&
    embeddingModelReads(model, language) &&
    // Chinese passages stored before the encoder read glosses hold vectors of unknown pieces, and
    // glossed passage search is unmeasured: Chinese articles are searched by keywords.
    language !== 'zh' &&
    allEmbedded &&
    rows.every((row) => row.embedding !== null && row.embeddingModel === model);
  return {
    language,
    chunks,
    keywords,
    articles,
    synonyms,
    vectors: dense ? rows.map((row) => bytesToVector(row.embedding!)) : null,
    embeddingModel: dense ? model : null,
    signature,
  };
}

/** WordNet synonyms of the articles' words, for the words visitors use that the articles do not. */
async function synonymsOf(
  chunks: SearchableChunk[],
  keywords: Bm25Index,
): Promise<Map<string, string[]>> {
  const vocabulary = new Map<string, string[]>();
  for (const chunk of chunks) {
    const steps = preprocess(indexedText(chunk.title, chunk.text), 'en');
    const known = (i: number) =>
      /^[a-z]+$/.test(steps.withoutStopwords[i]) && keywords.frequency(steps.stems[i]) > 0;
    steps.withoutStopwords.forEach((word, i) => {
      if (!known(i)) return;
      vocabulary.set(word, [steps.stems[i]]);
      // Two-word names have synonyms of their own ("united kingdom": "uk", "britain").
      if (i > 0 && known(i - 1)) {
        vocabulary.set(`${steps.withoutStopwords[i - 1]}_${word}`, [
          steps.stems[i - 1],
          steps.stems[i],
        ]);
      }
    });
  }
  return articleSynonyms(vocabulary, (word) => retrievalTerms(word, 'en')[0]);
}

/** The work running under `key`, started when none is. */
function once<T>(
  running: Map<string, Promise<T>>,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  const current = running.get(key);
  if (current) return current;
  const next = work().finally(() => running.delete(key));
  running.set(key, next);
  return next;
}

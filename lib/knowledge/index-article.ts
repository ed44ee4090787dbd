import { embeddingModelKey, embedTexts, readyEmbeddingModelKey } from '@/lib/ai';
import { db } from '@/lib/db';
import { articleHash, chunkArticle, indexedText } from './chunk-article';
import { vectorToBytes } from './vectors';

export interface IndexArticleResult {
  articleId: string;
  /** Nothing changed since the last indexing (or the article changed again meanwhile). */
  skipped: boolean;
  chunks: number;
  /** Chunks embedded now. */
  embedded: number;
  /** Chunks whose text did not change and kept their stored embedding. */
  reused: number;
}

export interface IndexArticleOptions {
  /**
   * `wait`: load the embedding model if needed (admin saves, background jobs).
   * `if-ready`: embed only if it is loaded already (a visitor is waiting).
   */
  embeddings?: 'wait' | 'if-ready';
}

/**
 * Splits an article into chunks and stores them with their embeddings. Incremental: an unchanged
 * article is skipped, and a chunk whose text did not change keeps its embedding.
 */
export async function indexArticle(
  articleId: string,
  { embeddings = 'wait' }: IndexArticleOptions = {},
): Promise<IndexArticleResult | null> {
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      title: true,
      body: true,
      indexedHash: true,
      chunks: { select: { contentHash: true, embedding: true, embeddingModel: true } },
    },
  });
  if (!article) return null;
  const hash = articleHash(article);
  const model = embeddings === 'wait' ? await embeddingModelKey() : readyEmbeddingModelKey();
  const skipped = {
    articleId,
    skipped: true,
    chunks: article.chunks.length,
    embedded: 0,
    reused: 0,
  };
  const embeddedWithModel = article.chunks.every((chunk) => chunk.embeddingModel === model);
  if (article.indexedHash === hash && (model === null || embeddedWithModel)) return skipped;

  const drafts = chunkArticle(article);
  const kept = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const chunk of article.chunks) {
    if (model && chunk.embedding && chunk.embeddingModel === model) {
      kept.set(chunk.contentHash, new Uint8Array(chunk.embedding));
    }
  }
  const missing = model ? drafts.filter((draft) => !kept.has(draft.contentHash)) : [];
  const fresh = missing.length
    ? await embedTexts(missing.map((draft) => indexedText(article.title, draft.text)))
    : null;
  const vectors = new Map<string, { bytes: Uint8Array<ArrayBuffer>; model: string }>();
  if (model) kept.forEach((bytes, contentHash) => vectors.set(contentHash, { bytes, model }));
  missing.forEach((draft, i) => {
    const vector = fresh?.vectors[i];
    if (vector && fresh)
      vectors.set(draft.contentHash, { bytes: vectorToBytes(vector), model: fresh.model });
  });

  const written = await db().$transaction(async (tx) => {
    // Two saves (or two server nodes) indexing the same article take turns.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`article:${articleId}`}))`;
    const current = await tx.article.findUnique({
      where: { id: articleId },
      select: { title: true, body: true },
    });
    // Changed (or deleted) meanwhile: whoever changed it indexes the new text.
    if (!current || articleHash(current) !== hash) return false;
    await tx.articleChunk.deleteMany({ where: { articleId } });
    await tx.articleChunk.createMany({
      data: drafts.map((draft) => ({
        articleId,
        position: draft.position,
        text: draft.text,
        contentHash: draft.contentHash,
        embedding: vectors.get(draft.contentHash)?.bytes ?? null,
        embeddingModel: vectors.get(draft.contentHash)?.model ?? null,
      })),
    });
    // Raw, so indexing does not bump updatedAt (which means "an admin edited it").
    await tx.$executeRaw`UPDATE "Article" SET "indexedHash" = ${hash}, "indexedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = ${articleId}`;
    return true;
  });
  if (!written) return skipped;
  const embedded = missing.filter((draft) => fresh && vectors.has(draft.contentHash)).length;
  const reused = drafts.filter((draft) => kept.has(draft.contentHash)).length;
  return { articleId, skipped: false, chunks: drafts.length, embedded, reused };
}

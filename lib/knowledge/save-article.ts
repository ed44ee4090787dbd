import { db } from '@/lib/db';
import { indexArticle, type IndexArticleResult } from './index-article';
import { ArticleInputSchema, type ArticleInput } from './schemas';

export class ArticleNotFoundError extends Error {
  constructor() {
    super('No such article on this site');
  }
}

/**
 * Creates an article (no `articleId`) or replaces one of the site's, then indexes it. Only the
 * chunks whose text changed are embedded again. The caller has checked the admin's access.
 */
export async function saveArticle(
  siteId: string,
  input: ArticleInput,
  articleId?: string,
): Promise<{ articleId: string; index: IndexArticleResult | null }> {
  const data = ArticleInputSchema.parse(input);
  let id = articleId;
  if (id) {
    const { count } = await db().article.updateMany({ where: { id, siteId }, data });
    if (count === 0) throw new ArticleNotFoundError();
  } else {
    id = (await db().article.create({ data: { ...data, siteId }, select: { id: true } })).id;
  }
  // Embeds only if the model is loaded; otherwise the next question starts it in the background.
  const index = await indexArticle(id, { embeddings: 'if-ready' });
  return { articleId: id, index };
}

import { db } from '@/lib/db';

/** Removes one of the site's articles; its chunks go with it. Returns whether it existed. */
export async function deleteArticle(siteId: string, articleId: string): Promise<boolean> {
  const { count } = await db().article.deleteMany({ where: { id: articleId, siteId } });
  return count > 0;
}

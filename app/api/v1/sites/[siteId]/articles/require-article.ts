import { ActionError } from '@/lib/auth';
import { getSiteArticle } from '@/lib/sites';

export async function requireArticle(siteId: string, articleId: string) {
  const article = await getSiteArticle(siteId, articleId);
  if (!article) throw new ActionError('not_found', 'No such article');
  return article;
}

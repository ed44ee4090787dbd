import { endpoints } from '@/lib/api';
import { saveArticle } from '@/lib/knowledge';
import { listSiteArticles } from '@/lib/sites';
import { apiRoute } from '../../../_lib/api-route';
import { requireArticle } from './require-article';

export const GET = apiRoute(endpoints.listArticles, async ({ params }) => ({
  articles: await listSiteArticles(params.siteId),
}));

export const POST = apiRoute(endpoints.createArticle, async ({ params, body }) => {
  const { articleId } = await saveArticle(params.siteId, body);
  return requireArticle(params.siteId, articleId);
});

import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { deleteArticle, saveArticle } from '@/lib/knowledge';
import { apiRoute } from '../../../../_lib/api-route';
import { requireArticle } from '../require-article';

export const GET = apiRoute(endpoints.getArticle, ({ params }) =>
  requireArticle(params.siteId, params.articleId),
);

export const PUT = apiRoute(endpoints.updateArticle, async ({ params, body }) => {
  await saveArticle(params.siteId, body, params.articleId);
  return requireArticle(params.siteId, params.articleId);
});

export const DELETE = apiRoute(endpoints.deleteArticle, async ({ params }) => {
  if (!(await deleteArticle(params.siteId, params.articleId))) {
    throw new ActionError('not_found', 'No such article');
  }
});

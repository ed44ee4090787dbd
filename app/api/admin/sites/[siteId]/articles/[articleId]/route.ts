import { ActionError, readBody } from '@/lib/auth';
import { ArticleInputSchema, deleteArticle, saveArticle } from '@/lib/knowledge';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { articleId: string };

export const PUT = siteRoute<Params>(async ({ siteId, params, request }) =>
  saveArticle(siteId, await readBody(request, ArticleInputSchema), params.articleId),
);

export const DELETE = siteRoute<Params>(async ({ siteId, params }) => {
  if (!(await deleteArticle(siteId, params.articleId))) {
    throw new ActionError('not_found', 'No such article');
  }
});

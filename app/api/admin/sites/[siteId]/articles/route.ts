import { readBody } from '@/lib/auth';
import { ArticleInputSchema, saveArticle } from '@/lib/knowledge';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute(async ({ siteId, request }) =>
  saveArticle(siteId, await readBody(request, ArticleInputSchema)),
);

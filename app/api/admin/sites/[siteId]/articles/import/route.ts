import { z } from 'zod';
import { BODY_LIMITS, readBody } from '@/lib/auth';
import { ArticleFileSchema, importArticles } from '@/lib/knowledge';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

const ImportArticlesSchema = z.object({ files: z.array(ArticleFileSchema).min(1).max(200) });

/** Markdown files (front matter title/url optional) or JSON article lists. */
export const POST = siteRoute(async ({ siteId, request }) => {
  const { files } = await readBody(request, ImportArticlesSchema, BODY_LIMITS.import);
  return importArticles(siteId, files);
});

import type { z } from 'zod';
import { db, Prisma } from '@/lib/db';
import type { ArticleStatusSchema } from '@/lib/schemas/api';

/** An article with its index status (the shape lives in lib/schemas/api.ts). */
export type ArticleStatus = z.output<typeof ArticleStatusSchema>;

/** The knowledge-base page: each article with its index status. */
export async function listSiteArticles(siteId: string): Promise<ArticleStatus[]> {
  const rows = await db().$queryRaw<Omit<ArticleStatus, 'upToDate'>[]>(Prisma.sql`
    select a.id, a.title, a.url, a."updatedAt", a."indexedAt",
      count(c.id)::int as chunks, count(c.embedding)::int as "embeddedChunks"
    from "Article" a left join "ArticleChunk" c on c."articleId" = a.id
    where a."siteId" = ${siteId}
    group by a.id
    order by a."updatedAt" desc`);
  return rows.map((row) => ({
    ...row,
    upToDate: row.indexedAt !== null && row.indexedAt.getTime() >= row.updatedAt.getTime() - 1000,
  }));
}

export async function getSiteArticle(siteId: string, articleId: string) {
  return db().article.findFirst({
    where: { id: articleId, siteId },
    select: { id: true, title: true, body: true, url: true },
  });
}

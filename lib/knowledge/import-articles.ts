import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { db } from '@/lib/db';
import { saveArticle } from './save-article';
import { ArticleFileSchema, ArticleInputSchema, type ArticleFile } from './schemas';

export interface ImportResult {
  created: number;
  updated: number;
  /** Files (or JSON entries) that could not be read, with the reason. */
  failed: { name: string; reason: string }[];
}

const JsonArticlesSchema = z.union(
  [z.array(ArticleInputSchema), ArticleInputSchema.transform((one) => [one])],
  { error: 'expected an article {title, body, url} or a list of them' },
);
const FrontMatterSchema = z
  .object({ title: z.string().optional(), url: z.string().optional() })
  .partial();

/**
 * Imports markdown files (title from front matter, the first heading, or the file name) and JSON
 * files (one article or a list of `{title, body, url}`). An article with the same title is updated,
 * so importing the same files twice changes nothing.
 */
export async function importArticles(siteId: string, files: ArticleFile[]): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0, failed: [] };
  for (const file of z.array(ArticleFileSchema).parse(files)) {
    let articles;
    try {
      articles = file.name.toLowerCase().endsWith('.json')
        ? JsonArticlesSchema.parse(JSON.parse(file.content))
        : [fromMarkdown(file)];
    } catch (error) {
      result.failed.push({ name: file.name, reason: describe(error) });
      continue;
    }
    for (const article of articles) {
      const existing = await db().article.findFirst({
        where: { siteId, title: article.title },
        select: { id: true },
      });
      await saveArticle(siteId, article, existing?.id);
      result[existing ? 'updated' : 'created'] += 1;
    }
  }
  return result;
}

function fromMarkdown(file: ArticleFile) {
  let body = file.content.replace(/\r\n?/g, '\n');
  let front: z.infer<typeof FrontMatterSchema> = {};
  const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (frontMatter) {
    front = FrontMatterSchema.parse(loadYaml(frontMatter[1]) ?? {});
    body = body.slice(frontMatter[0].length);
  }
  const heading = /^#\s+(.+)$/m.exec(body)?.[1].trim();
  const title = front.title ?? heading ?? path.basename(file.name, path.extname(file.name));
  return ArticleInputSchema.parse({ title, body, url: front.url ?? null });
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues
      .map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; ');
  }
  return (error as Error).message;
}

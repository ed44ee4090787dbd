import { z } from 'zod';
import { linkUrl } from '@/lib/schemas/url';

/** An article as an admin writes or imports it. */
export const ArticleInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** Markdown. */
  body: z.string().trim().min(1).max(100_000),
  url: linkUrl(500).nullable().default(null),
});
export type ArticleInput = z.input<typeof ArticleInputSchema>;

/** An uploaded file: markdown (`.md`, optional front matter with title/url) or JSON articles. */
export const ArticleFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  content: z.string().max(2_000_000),
});
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

import { z } from 'zod';

/** A knowledge-base source shown under a generated answer. */
export const CitationSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().url().nullable(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const MAX_MESSAGE_LENGTH = 4000;

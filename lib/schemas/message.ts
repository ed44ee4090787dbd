import { z } from 'zod';
import { linkUrl } from './url';

export { MAX_MESSAGE_LENGTH } from './limits';

/** A knowledge-base source shown under a generated answer. */
export const CitationSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  url: linkUrl(500).nullable(),
});
export type Citation = z.infer<typeof CitationSchema>;

/**
 * A button under a bot message: the label the visitor sees and what it stands for. A click sends
 * the choice with the message, and the bot answers what it stands for without classifying the label.
 */
export const ChoiceSchema = z.object({
  label: z.string().trim().min(1).max(100),
  /** Answer this intent. */
  intent: z.string().max(100).optional(),
  /** Answer from this knowledge-base article. */
  articleId: z.string().max(64).optional(),
  /** Hand the conversation to a person. */
  action: z.literal('human').optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;
/** Stored choices are read leniently: a row that does not parse shows no buttons. */
export const StoredChoicesSchema = ChoiceSchema.array().catch([]);

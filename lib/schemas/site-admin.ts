import { z } from 'zod';
import { BotStateSchema } from './bot-state';
import { ChoiceSchema, MAX_MESSAGE_LENGTH } from './message';
import { SiteLanguageSchema } from './site';

/** A web origin the widget may be embedded on, normalized to scheme://host[:port]. */
export const OriginSchema = z
  .string()
  .trim()
  .max(300)
  .transform((value, context) => {
    try {
      const url = new URL(value);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== 'null') {
        return url.origin;
      }
    } catch {
      // reported below
    }
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not an origin like https://shop.example.com`,
    });
    return z.NEVER;
  });

export const AllowedOriginsSchema = z.object({
  allowedOrigins: z
    .array(OriginSchema)
    .max(50, 'At most 50 origins')
    .transform((origins) => [...new Set(origins)]),
});

export const SiteDetailsSchema = z.object({
  name: z.string().trim().min(1, 'Give the site a name').max(80),
  language: SiteLanguageSchema,
});
export type SiteDetails = z.infer<typeof SiteDetailsSchema>;

export const CreateSiteSchema = SiteDetailsSchema.extend({
  allowedOrigins: AllowedOriginsSchema.shape.allowedOrigins.default([]),
});

/** A sentence typed into the test console or the "what would the bot answer" box. */
export const BotQuestionSchema = z.object({
  text: z.string().trim().min(1, 'Type a message').max(1000),
});

/**
 * One message typed into the admin test console, with the conversation so far, which the page
 * keeps (the console stores nothing): earlier messages and the state the last reply left.
 */
export const TestConsoleTurnSchema = BotQuestionSchema.extend({
  history: z
    .array(
      z.object({
        sender: z.enum(['visitor', 'bot']),
        body: z.string().max(MAX_MESSAGE_LENGTH),
        choices: z.array(ChoiceSchema).max(20).default([]),
      }),
    )
    .max(40)
    .default([]),
  botState: BotStateSchema.optional(),
});
export type TestConsoleTurn = z.infer<typeof TestConsoleTurnSchema>;

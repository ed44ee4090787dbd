import { z } from 'zod';
import { RowIdSchema } from '@/lib/schemas/storable';
import { BotStateSchema } from '@/lib/schemas/bot-state';
import { ConversationStatusSchema, SenderSchema } from '@/lib/schemas/events';
import { ChoiceSchema, CitationSchema } from '@/lib/schemas/message';

// Visitors as the REST API lists them, and everything stored about one (the data-rights export).

/** A moment, sent as an ISO 8601 string; read back (tests, clients in TypeScript) as a Date. */
export const TimestampSchema = z.coerce.date().meta({ description: 'ISO 8601 date and time' });

export const VisitorSummarySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  /** The host site's own user id, from identify(). */
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** identify() came with a valid hash; otherwise name, email and externalId are only claimed. */
  identityVerified: z.boolean(),
  firstSeenAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
});
export type VisitorSummary = z.output<typeof VisitorSummarySchema>;

export const VisitorDetailSchema = VisitorSummarySchema.extend({
  browser: z.string().nullable(),
  language: z.string().nullable(),
  currentUrl: z.string().nullable(),
  /** Newest first. */
  conversations: z.array(
    z.object({ id: z.string(), status: ConversationStatusSchema, createdAt: TimestampSchema }),
  ),
});
export type VisitorDetail = z.output<typeof VisitorDetailSchema>;

export const VisitorListQuerySchema = z.object({
  siteId: RowIdSchema.optional(),
  /** Exact match, case-insensitive. */
  email: z.string().trim().max(320).optional(),
  /** nextCursor of the previous page. */
  cursor: RowIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type VisitorListQuery = z.input<typeof VisitorListQuerySchema>;

export const VisitorPageSchema = z.object({
  visitors: z.array(VisitorSummarySchema),
  nextCursor: z.string().nullable(),
});

/** Everything stored about one visitor, for their right of access (GDPR art. 15). */
export const VisitorExportSchema = z.object({
  exportedAt: TimestampSchema,
  visitor: VisitorDetailSchema.omit({ conversations: true }),
  conversations: z.array(
    z.object({
      id: z.string(),
      status: ConversationStatusSchema,
      createdAt: TimestampSchema,
      resolvedAt: TimestampSchema.nullable(),
      /** Email the visitor left while no agent was online. */
      contactEmail: z.string().nullable(),
      handoffReason: z.string().nullable(),
      rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
      /** What the bot collected from the visitor (order numbers, emails…). */
      botState: BotStateSchema,
      messages: z.array(
        z.object({
          id: z.string(),
          seq: z.number().int(),
          sender: SenderSchema,
          /** The agent's name on agent messages. */
          authorName: z.string().nullable(),
          body: z.string(),
          /** A note agents wrote about the conversation, never shown in the widget. */
          isPrivate: z.boolean(),
          choices: z.array(ChoiceSchema),
          citations: z.array(CitationSchema),
          /** Waiting in (or settled from) the review queue, for visitor messages the bot was unsure of. */
          reviewState: z.enum(['pending', 'labelled', 'dismissed']).nullable(),
          createdAt: TimestampSchema,
        }),
      ),
    }),
  ),
  /** Training examples an agent made from the visitor's messages. */
  trainingExamples: z.array(
    z.object({ id: z.string(), intent: z.string(), text: z.string(), createdAt: TimestampSchema }),
  ),
  /** Where webhooks sent their conversations (what was sent is the conversations above). */
  webhookDeliveries: z.array(
    z.object({
      endpointUrl: z.string(),
      type: z.string(),
      status: z.enum(['pending', 'succeeded', 'failed']),
      createdAt: TimestampSchema,
    }),
  ),
});
export type VisitorExport = z.output<typeof VisitorExportSchema>;

/** What deleting a visitor removed (counts only: the audit trail keeps no personal data). */
export const VisitorDeletedSchema = z.object({
  visitorId: z.string(),
  conversations: z.number().int(),
  messages: z.number().int(),
  trainingExamples: z.number().int(),
});
export type VisitorDeleted = z.output<typeof VisitorDeletedSchema>;

import { z } from 'zod';
import { VersionComparison } from '@/lib/nlp/compare-versions';
import { TrainingMetrics } from '@/lib/nlp/metrics';
import { ExampleAnnotationsSchema } from '@/lib/schemas/entity';
import {
  AgentConversationSchema,
  AgentMessageSchema,
  ClientIdSchema,
  ConversationViewSchema,
  MessageBodySchema,
} from '@/lib/schemas/events';
import { IntentNameSchema, IntentSlotSchema } from '@/lib/schemas/intent';
import { SiteLanguageSchema } from '@/lib/schemas/site';
import { TimestampSchema } from '@/lib/schemas/visitor';

// The REST API (/api/v1): its tokens, the shapes it reads and answers that are not shared with
// another surface, and its one error shape. lib/api/endpoints.ts pairs them with routes.

// ---------------------------------------------------------------------------------------------
// Tokens

export const ApiTokenRoleSchema = z.enum(['read_only', 'read_write']);
export type ApiTokenRole = z.infer<typeof ApiTokenRoleSchema>;

/** Every secret starts with this, so scanners and people recognise a leaked one. */
export const API_TOKEN_PREFIX = 'hearth_';

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token').max(100, 'Use at most 100 characters'),
  role: ApiTokenRoleSchema,
});
export type CreateApiToken = z.input<typeof CreateApiTokenSchema>;

export const ApiTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: ApiTokenRoleSchema,
  /** The secret's first characters. */
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiTokenView = z.output<typeof ApiTokenViewSchema>;

// ---------------------------------------------------------------------------------------------
// Requests

/** A row id in a URL: anything else cannot name a row and never reaches a query. */
export const PathIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');

export const ConversationListQuerySchema = z.object({
  /** The inbox's views; `mine` is the token creator's. */
  view: ConversationViewSchema.default('all'),
  cursor: PathIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ConversationReadQuerySchema = z.object({
  /** Only messages after this one (0 = all of them). */
  afterSeq: z.coerce.number().int().min(0).default(0),
});

export const SendMessageBodySchema = z.object({
  body: MessageBodySchema,
  /** A note for agents, never shown to the visitor. */
  isPrivate: z.boolean().default(false),
});

/** A retried POST with the same key stores the message once and answers with it again. */
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': ClientIdSchema.optional() });

export const AssignBodySchema = z.object({
  /** A member of the workspace, or null to unassign. */
  assigneeId: PathIdSchema.nullable(),
});

export const UpdateIntentBodySchema = z
  .object({
    name: IntentNameSchema.optional(),
    /** Answering the intent hands the conversation to a person. */
    handoff: z.boolean().optional(),
    /** The generator may reword the response in context. */
    rephrase: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Nothing to change');

// ---------------------------------------------------------------------------------------------
// Answers

export const SiteSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Goes in the widget's embed snippet. */
  publicKey: z.string(),
  language: SiteLanguageSchema,
  activeModelVersionId: z.string().nullable(),
});
export const SiteListSchema = z.object({ sites: z.array(SiteSummarySchema) });

export const ConversationPageSchema = z.object({
  conversations: z.array(AgentConversationSchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export const ConversationWithMessagesSchema = z.object({
  conversation: AgentConversationSchema,
  /** Oldest first, private notes included (at most 1,000; page with afterSeq). */
  messages: z.array(AgentMessageSchema),
});
export const ConversationEnvelopeSchema = z.object({ conversation: AgentConversationSchema });
export const MessageEnvelopeSchema = z.object({ message: AgentMessageSchema });

export const IntentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  handoff: z.boolean(),
  exampleCount: z.number().int(),
  responseCount: z.number().int(),
  /** F1 in the latest model version; null when it held out no example of the intent. */
  f1: z.number().nullable(),
  recall: z.number().nullable(),
  /** Where more examples would help: too few of them, or the model misses the intent too often. */
  advice: z.object({ fewExamples: z.boolean(), lowRecall: z.boolean() }),
  updatedAt: TimestampSchema,
});
export const IntentListSchema = z.object({
  intents: z.array(IntentSummarySchema),
  latestVersion: z.number().int().nullable(),
});

export const IntentExampleSchema = z.object({
  id: z.string(),
  text: z.string(),
  source: z.enum(['manual', 'import', 'conversation']),
  annotations: ExampleAnnotationsSchema,
  /** Other intents with the same example: the classifier cannot tell them apart. */
  conflictsWith: z.array(z.string()),
});
export const IntentExampleListSchema = z.object({ examples: z.array(IntentExampleSchema) });

export const IntentDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  buttonLabel: z.string().nullable(),
  handoff: z.boolean(),
  rephrase: z.boolean(),
  quickReplies: z.array(z.string()),
  responses: z.array(z.string()),
  slots: z.array(IntentSlotSchema),
  examples: z.array(IntentExampleSchema),
});
export const IntentCreatedSchema = z.object({ id: z.string(), name: z.string() });

export const AddedExamplesSchema = z.object({
  added: z.number().int(),
  /** Lines the intent already had (or sent twice): skipped. */
  duplicates: z.array(z.string()),
  /** Added lines other intents also have. */
  conflicts: z.array(z.object({ key: z.string(), intents: z.array(z.string()) })),
});

export const ArticleStatusSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  updatedAt: TimestampSchema,
  indexedAt: TimestampSchema.nullable(),
  /** Indexed since its last edit. */
  upToDate: z.boolean(),
  chunks: z.number().int(),
  /** Chunks with a sentence embedding (searchable by meaning, not only by keywords). */
  embeddedChunks: z.number().int(),
});
export const ArticleListSchema = z.object({ articles: z.array(ArticleStatusSchema) });
export const ArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Markdown. */
  body: z.string(),
  url: z.string().nullable(),
});

export const TrainingRunSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  /** 0 to 1. */
  progress: z.number(),
  log: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  /** The version it produced, once it succeeded. */
  modelVersionId: z.string().nullable(),
});
export const TrainingRunEnvelopeSchema = z.object({ run: TrainingRunSchema });

export const ModelVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  activatedAt: TimestampSchema.nullable(),
  /** The site's live model. */
  active: z.boolean(),
  /** Older than the site's newest 20: its scores were kept, its model was not, so it cannot go live again. */
  archived: z.boolean(),
  exampleCount: z.number().int(),
  intentCount: z.number().int(),
  /** Held-out evaluation; null for a version stored in an older format. */
  metrics: TrainingMetrics.nullable(),
  /** Against the version live when this one was trained, on the same held-out messages (null: none). */
  comparison: VersionComparison.nullable(),
  /** How it read the site's test phrases (null: none when it was trained). */
  testPhraseMetrics: TrainingMetrics.nullable(),
});
export const ModelVersionListSchema = z.object({ versions: z.array(ModelVersionSchema) });

// ---------------------------------------------------------------------------------------------
// Errors

export const ApiErrorCodeSchema = z.enum([
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid',
  'conflict',
  'too_large',
  'rate_limited',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** Every refusal: 401, 403, 404, 409, 413, 422 (with the fields at fault), 429 (with Retry-After). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ApiErrorCodeSchema,
    message: z.string(),
    details: z
      .object({
        /** 422: each field at fault, as a path into the request. */
        issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        /** 409 on starting training: the run already going. */
        runId: z.string().optional(),
      })
      .optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

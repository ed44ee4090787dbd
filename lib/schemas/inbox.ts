import { z } from 'zod';
import { RowIdSchema, withoutNul } from '@/lib/schemas/storable';
import type { BotState } from '@/lib/schemas/bot-state';
import { IntentNameSchema } from '@/lib/schemas/intent';
import type { AgentConversation } from '@/lib/schemas/events';

// Shapes of the agent inbox's requests on the `/agent` namespace (listed in lib/schemas/events.ts).

const id = RowIdSchema;

/** Assign to an agent of the workspace, or unassign with null. */
export const AssignConversationRequestSchema = z.object({
  conversationId: id,
  assigneeId: id.nullable(),
});
export type AssignConversationRequest = z.infer<typeof AssignConversationRequestSchema>;

export const ConversationSearchRequestSchema = z.object({
  query: z.string().trim().min(1, 'Type something to search for').max(200),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ConversationSearchRequest = z.input<typeof ConversationSearchRequestSchema>;

export interface ConversationSearchHit {
  conversation: AgentConversation;
  /** The best-matching message. */
  messageId: string;
  seq: number;
  /** Its text around the match, with the matched words between « and ». */
  snippet: string;
}

/** How many conversations each live view holds, for the badges. */
export interface InboxCounts {
  /** Open and unassigned: waiting for someone to pick it up. */
  unassigned: number;
  needsHuman: number;
  mine: number;
  /** Mine with messages no agent has read. */
  mineUnread: number;
  open: number;
}

/** "This visitor message meant intent X" (or a new intent): becomes a training example. */
export const LabelMessageRequestSchema = z
  .object({
    messageIds: z.array(id).min(1).max(200),
    intentId: id.optional(),
    newIntentName: IntentNameSchema.optional(),
  })
  .refine((value) => Boolean(value.intentId) !== Boolean(value.newIntentName), {
    message: 'Pick an intent or name a new one',
  });
export type LabelMessageRequest = z.infer<typeof LabelMessageRequestSchema>;

export const DismissReviewRequestSchema = z.object({ messageIds: z.array(id).min(1).max(200) });
export type DismissReviewRequest = z.infer<typeof DismissReviewRequestSchema>;

export interface LabelledMessages {
  intent: { id: string; name: string; created: boolean };
  /** Examples added; messages whose text the intent already had count as labelled but add none. */
  examplesAdded: number;
  messageIds: string[];
}

/** A visitor message the bot was unsure about, waiting for an agent to label or dismiss it. */
export interface ReviewItem {
  messageId: string;
  conversationId: string;
  siteId: string;
  body: string;
  createdAt: string;
  /** What the bot made of it, from its reply. */
  botIntent: string | null;
  botConfidence: number | null;
}

/** Review items that read alike, so one click labels them all. */
export interface ReviewGroup {
  items: ReviewItem[];
  /** The intent most of the group's bot replies guessed, as a suggestion. */
  suggestedIntent: string | null;
}

/**
 * A bot's guess is offered as the label only when it was at least even odds to be right: at 15%
 * ("greeting" for "asdkjh qwe") one click would teach the bot gibberish.
 */
export const LABEL_GUESS_MIN_CONFIDENCE = 0.5;

export const guessWorthOffering = (
  intent: string | null | undefined,
  confidence: number | null | undefined,
) =>
  intent &&
  confidence !== null &&
  confidence !== undefined &&
  confidence >= LABEL_GUESS_MIN_CONFIDENCE
    ? intent
    : null;

/** Notice to every agent of the workspace: review items were labelled or dismissed. */
export interface ReviewSettled {
  messageIds: string[];
}

/** The side panel of a conversation: who the visitor is and what came before. */
export interface ConversationDetails {
  conversationId: string;
  site: { id: string; name: string };
  visitor: {
    id: string;
    name: string | null;
    email: string | null;
    /** The host site's own user id, from identify(). */
    externalId: string | null;
    identityVerified: boolean;
    currentUrl: string | null;
    /** The raw user-agent string. */
    browser: string | null;
    /** Browser, system and kind of device read from it ("Chrome 131 on macOS, desktop"). */
    device: string | null;
    language: string | null;
    firstSeenAt: string;
    lastSeenAt: string;
  };
  /** The visitor's other conversations, newest first. */
  pastConversations: { id: string; status: string; createdAt: string; preview: string | null }[];
  /** Model versions behind the bot's messages here, so each can show "model v3". */
  modelVersions: { id: string; version: number }[];
  createdAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  csat: { score: number; comment: string | null } | null;
  /** What the bot collected from the visitor and what it is waiting for. */
  botState: BotState;
}

export const InboxMetricsRequestSchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(7),
});

/** Figures for one agent, or the whole team, over the last `days` days. */
export interface AgentFigures {
  /** Conversations resolved. */
  handled: number;
  /** Median seconds from the handoff (the bot's last word) to the first agent reply. */
  medianFirstResponseSeconds: number | null;
  /** Median seconds from the conversation's start to its resolution. */
  medianResolutionSeconds: number | null;
  csatResponses: number;
  /** Thumbs up. */
  csatPositive: number;
}

export interface InboxMetrics {
  days: number;
  team: AgentFigures;
  agents: (AgentFigures & { userId: string; name: string })[];
}

/** A canned response: typed as `/shortcut` in the composer, replaced by its body. */
export const CannedResponseSchema = z.object({
  /** Set when editing an existing one. */
  id: id.optional(),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[\p{L}\p{N}_-]{1,30}$/u, 'Use up to 30 letters, digits, - or _ (no spaces)'),
  body: withoutNul(
    z.string().trim().min(1, 'Write the response').max(2000, 'Use at most 2000 characters'),
  ),
});
export type CannedResponseInput = z.input<typeof CannedResponseSchema>;

export const DeleteCannedResponseSchema = z.object({ id });

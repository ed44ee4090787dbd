import { randomUUID } from 'node:crypto';
import {
  db,
  preparedQuery,
  type ConversationStatus,
  type Message,
  type MessageSender,
} from '@/lib/db';
import { ActionError } from '@/lib/auth/errors';
import type { BotState } from '@/lib/schemas/bot-state';
import type { Choice, Citation } from '@/lib/schemas/message';
import { nudgeJobs } from '@/lib/jobs';
import { LEASE_MS, type ClaimedTurn } from './bot-turns';
import { BOT_HISTORY, toBotContext, type BotContext } from './conversation-state';
import type { ConversationRecord, StoredMessage } from './records';
import {
  BOT_ANSWERS,
  conversationColumns,
  STORE_BOT_REPLIES,
  STORE_VISITOR_MESSAGES,
  StatementBatcher,
} from './store-batch';
import { messageCreatedJob } from './webhook-outbox';

export interface NewMessage {
  sender: MessageSender;
  body: string;
  clientId: string;
  authorId?: string | null;
  authorName?: string | null;
  isPrivate?: boolean;
  intent?: string | null;
  confidence?: number | null;
  modelVersionId?: string | null;
  citations?: Citation[];
  choices?: Choice[];
  /** A bot reply: the visitor message it answers, whose turn leaves the outbox in the same commit. */
  answers?: string;
  /** A bot reply: what it leaves the conversation with, saved in the same commit. */
  outcome?: BotReplyOutcome;
}

export interface BotReplyOutcome {
  /** The bot did not know: one more fallback in a row (any other reply starts the count again). */
  fallback: boolean;
  /** The bot could not place the message answered: it goes to the inbox's review queue. */
  unsure: boolean;
  /** The bot's state after the reply; absent when it did not change. */
  botState?: BotState;
}

/**
 * Store only while the conversation is: not resolved (`active`), still the bot's to answer (`bot`:
 * the bot's, or waiting for a person nobody has taken — lib/bot botAnswers), or `any`.
 */
export type StoreCondition = 'any' | 'active' | 'bot';

export interface StoredResult {
  message: StoredMessage;
  /** The conversation as it is now, read in the same statement. */
  conversation: ConversationRecord;
  /** False when a retry found the message already stored. */
  created: boolean;
  /** A visitor message the bot is to answer: its turn, claimed by this call or queued behind another. */
  botTurn: 'claimed' | 'queued' | null;
  /** The bot's context for the turn this call claimed (this message's, or `nextTurn`'s). */
  botContext: BotContext | null;
  /**
   * A bot reply stored: the conversation's next waiting turn, claimed in the same statement, with
   * its message (null when none was due).
   */
  nextTurn: { turn: ClaimedTurn; message: StoredMessage } | null;
}

// $1 conversation, $2 visitor, $3 condition, $4 clientId, $5 agent reply, $6 keeps the fallback
// count, $7 fallback, $8 bot state, $9 id, $10 sender, $11 author, $12 body, $13 private,
// $14 intent, $15 confidence, $16 model version, $17 citations, $18 choices, $19 lease (s),
// $20 the message answered, $21 unsure, $22 the webhook outbox row (webhook-outbox.ts) or null,
// $23 how many earlier messages the bot reads.
export const STORE_MESSAGE = `
  WITH next AS (
    UPDATE "Conversation"
    SET "lastSeq" = "lastSeq" + 1,
        "lastMessageAt" = now() AT TIME ZONE 'UTC',
        "updatedAt" = now() AT TIME ZONE 'UTC',
        "firstResponseAt" = CASE WHEN $5::boolean THEN coalesce("firstResponseAt", now() AT TIME ZONE 'UTC')
                                 ELSE "firstResponseAt" END,
        "fallbackCount" = CASE WHEN $6::boolean THEN "fallbackCount"
                               WHEN $7::boolean THEN "fallbackCount" + 1 ELSE 0 END,
        "botState" = coalesce($8::jsonb, "botState")
    WHERE "id" = $1::text AND "visitorId" = $2::text
      AND ($3::text = 'any'
           OR ($3::text = 'active' AND "status" <> 'resolved')
           OR ($3::text = 'bot' AND ${BOT_ANSWERS}))
      AND NOT EXISTS (SELECT 1 FROM "Message" WHERE "conversationId" = $1::text
                      AND "clientId" = $4::text)
    RETURNING *
  ), inserted AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "sender", "authorId", "clientId", "body",
      "isPrivate", "intent", "confidence", "modelVersionId", "citations", "choices", "createdAt")
    SELECT $9::text, $1::text, next."lastSeq", $10::"MessageSender", $11::text, $4::text, $12::text,
      $13::boolean, $14::text, $15::double precision, $16::text, $17::jsonb, $18::jsonb,
      next."lastMessageAt"
    FROM next
    RETURNING *
  ), turn AS (
    -- The bot's outbox (bot-turns.ts), claimed at once unless an earlier turn still waits.
    INSERT INTO "BotTurn" ("messageId", "conversationId", "seq", "dueAt", "attempts")
    SELECT inserted."id", inserted."conversationId", inserted."seq", now() AT TIME ZONE 'UTC' +
        CASE WHEN waiting THEN interval '0' ELSE make_interval(secs => $19::float8) END,
      CASE WHEN waiting THEN 0 ELSE 1 END
    -- The oldest turn by the (conversationId, seq) index: as EXISTS, the generic plan of a
    -- never-analyzed table scanned the whole table for every message (seq_tup_read 3.6k/message).
    FROM inserted, next, LATERAL (SELECT (SELECT "seq" FROM "BotTurn"
      WHERE "conversationId" = $1::text ORDER BY "seq" LIMIT 1) IS NOT NULL AS waiting) earlier
    WHERE $10::"MessageSender" = 'visitor' AND ${BOT_ANSWERS}
    RETURNING "attempts"
  ), answered AS (
    DELETE FROM "BotTurn" WHERE "messageId" = $20::text
  ), claimed AS (
    -- A bot reply stored: the conversation's next waiting turn is claimed in the same commit
    -- (bot-turns.ts claimNextTurn) and returned with its message, so a backlog costs no query more.
    UPDATE "BotTurn" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => $19::float8),
      "attempts" = "attempts" + 1
    WHERE $20::text IS NOT NULL AND EXISTS (SELECT 1 FROM inserted)
      AND "messageId" = (SELECT "messageId" FROM "BotTurn" WHERE "conversationId" = $1::text
                           AND "messageId" <> $20::text ORDER BY "seq" LIMIT 1)
      AND "dueAt" <= now() AT TIME ZONE 'UTC'
    RETURNING "messageId", "attempts"
  ), reviewed AS (
    UPDATE "Message" SET "reviewState" = 'pending'
    FROM inserted WHERE "Message"."id" = $20::text AND $21::boolean
  ), webhook AS (
    -- Only for sites whose webhooks want message.created: the event commits with the message.
    INSERT INTO "Job" ("id", "kind", "payload", "runAt", "createdAt")
    SELECT gen_random_uuid()::text, job->>'kind', jsonb_set(jsonb_set(jsonb_set(job->'payload',
        '{event,createdAt}', created.at),
        '{event,data,message}', (job #> '{payload,event,data,message}') ||
          jsonb_build_object('seq', inserted."seq", 'createdAt', created.at)),
        '{event,data,conversation}', (job #> '{payload,event,data,conversation}') ||
          jsonb_build_object('status', next."status", 'assigneeId', next."assigneeId",
            'handoffReason', next."handoffReason", 'contactEmail', next."contactEmail")),
      next."lastMessageAt", next."lastMessageAt"
    FROM inserted, next, (SELECT $22::jsonb AS job) outbox, LATERAL (SELECT
      to_jsonb(to_char(inserted."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS at) created
    WHERE job IS NOT NULL
  )
  SELECT inserted.*, (SELECT "attempts" FROM turn) AS "c_botTurn",
    -- The bot's context for the turn this statement claimed (the new message's, or the next
    -- waiting one's): its state as this statement left it and the messages before, so the turn
    -- reads nothing before deciding (conversation-state.ts readBotContext, $23 messages).
    next."botState" AS "c_botState",
    CASE WHEN claimed."messageId" IS NOT NULL OR (SELECT "attempts" FROM turn) = 1 THEN
      (SELECT coalesce(json_agg(h ORDER BY h."seq"), '[]'::json) FROM (
        SELECT "sender", "body", "choices", "seq" FROM "Message"
        WHERE "conversationId" = $1::text AND NOT "isPrivate"
          AND "seq" < coalesce(waiting."seq", inserted."seq")
        ORDER BY "seq" DESC LIMIT $23::int) h)
    END AS "c_history",
    -- The next turn's message as one column: the pg client builds a parser for every column of
    -- every result, and these fifteen were null for all but the turns that waited.
    claimed."attempts" AS "n_attempts",
    CASE WHEN waiting."id" IS NOT NULL THEN to_json(waiting) END AS "n_message",
    ${conversationColumns('next')}
  FROM inserted CROSS JOIN next LEFT JOIN claimed ON true
    LEFT JOIN "Message" waiting ON waiting."id" = claimed."messageId"`;

type Row = Omit<StoredMessage, 'authorName'> & {
  c_status: ConversationStatus;
  c_assigneeId: string | null;
  c_handoffReason: string | null;
  c_waitingSince: Date | null;
  c_fallbackCount: number;
  c_visitorReadSeq: number;
  c_agentReadSeq: number;
  c_contactEmail: string | null;
  c_firstResponseAt: Date | null;
  c_resolvedAt: Date | null;
  c_updatedAt: Date;
  c_botTurn: number | null;
  c_botState: unknown;
  c_history: { sender: MessageSender; body: string; choices: unknown }[] | null;
} & NextTurnColumns;

/** The next turn's claim and message (null when nothing was claimed); JSON has no dates. */
type NextTurnColumns = {
  n_attempts: number | null;
  n_message: (Omit<Message, 'createdAt'> & { createdAt: string }) | null;
};

/**
 * Stores a message once per (conversation, clientId) and gives it the conversation's next seq.
 * Returns null when `condition` no longer holds (nothing stored); `created: false` with the
 * earlier row when a retried send had been stored.
 *
 * One statement, so a message costs one round trip: the UPDATE takes the conversation's row lock
 * (which totally orders its messages) and the INSERT commits with it, as do a bot reply's turn
 * leaving the outbox and its outcome (fallback count, bot state, review). A retry of a stored message
 * updates nothing and raises no error (a failed query costs the pool its connection).
 */
export async function storeMessage(
  conversation: ConversationRecord,
  message: NewMessage,
  condition: StoreCondition = 'any',
): Promise<StoredResult | null> {
  const citations = message.citations?.length ? JSON.stringify(message.citations) : null;
  const choices = JSON.stringify(message.choices ?? []);
  const agentReply = message.sender === 'agent' && !message.isPrivate;
  const { outcome } = message;
  const botState = outcome?.botState ? JSON.stringify(outcome.botState) : null;
  const id = randomUUID();
  const webhookJob = await messageCreatedJob(conversation, message, id);
  const values = [
    conversation.id,
    conversation.visitorId,
    condition,
    message.clientId,
    agentReply,
    outcome === undefined,
    outcome?.fallback ?? false,
    botState,
    id,
    message.sender,
    message.authorId ?? null,
    message.body,
    message.isPrivate ?? false,
    message.intent ?? null,
    message.confidence ?? null,
    message.modelVersionId ?? null,
    citations,
    choices,
    LEASE_MS / 1000,
    message.answers ?? null,
    outcome?.unsure ?? false,
    webhookJob,
    BOT_HISTORY,
  ];
  const alone = () => preparedQuery<Row>('store-message', STORE_MESSAGE, values);
  let rows: Row[];
  try {
    const batched = { conversationId: conversation.id, id, alone };
    // Both batched statements start with the same five columns.
    const stored = [conversation.id, conversation.visitorId, message.clientId, id, message.body];
    const kind = batchKind(message, condition, webhookJob);
    rows = (await (kind === 'visitor'
      ? batchers().visitor.store({ ...batched, columns: [...stored, choices] })
      : kind === 'reply'
        ? batchers().reply.store({
            ...batched,
            columns: [
              ...stored,
              message.intent ?? null,
              message.confidence ?? null,
              message.modelVersionId ?? null,
              citations,
              choices,
              message.answers,
              outcome!.fallback,
              botState,
              outcome!.unsure,
            ],
          })
        : alone())) as Row[];
  } catch (error) {
    // Two sends of one message at the same instant: the second loses the race for the index.
    if (!isUniqueViolation(error)) throw error;
    return findRetriedMessage(conversation, message);
  }
  const [row] = rows;
  // Nothing stored: a retry of a stored message (the common case), or the condition failed.
  if (!row) return findRetriedMessage(conversation, message);
  if (webhookJob) nudgeJobs();
  const {
    c_status: status,
    c_assigneeId: assigneeId,
    c_handoffReason: handoffReason,
    c_waitingSince: waitingSince,
    c_fallbackCount: fallbackCount,
    c_visitorReadSeq: visitorReadSeq,
    c_agentReadSeq: agentReadSeq,
    c_contactEmail: contactEmail,
    c_firstResponseAt: firstResponseAt,
    c_resolvedAt: resolvedAt,
    c_updatedAt: updatedAt,
    c_botTurn: botTurn,
    c_botState: storedBotState,
    c_history: history,
    n_attempts: nextAttempts,
    n_message: next,
    ...stored
  } = row;
  const nextTurn =
    nextAttempts !== null && next
      ? {
          turn: { messageId: next.id, conversationId: conversation.id, attempts: nextAttempts },
          message: {
            ...next,
            // A UTC `timestamp` in JSON: ISO without its zone.
            createdAt: new Date(`${next.createdAt}Z`),
            authorName: null,
          },
        }
      : null;
  return {
    message: { ...stored, authorName: message.authorName ?? null },
    conversation: {
      ...conversation,
      status,
      assigneeId,
      handoffReason,
      waitingSince,
      fallbackCount,
      visitorReadSeq,
      agentReadSeq,
      contactEmail,
      firstResponseAt,
      resolvedAt,
      updatedAt,
      lastSeq: stored.seq,
      lastMessageAt: stored.createdAt,
    },
    created: true,
    botTurn: botTurn === null ? null : botTurn > 0 ? 'claimed' : 'queued',
    botContext: history ? toBotContext(storedBotState, history) : null,
    nextTurn,
  };
}

/**
 * Which batched statement (store-batch.ts) stores the message with others arriving meanwhile: a
 * visitor's message as the widget sends it, or a bot reply; anything else goes alone.
 */
function batchKind(
  message: NewMessage,
  condition: StoreCondition,
  webhookJob: string | null,
): 'visitor' | 'reply' | null {
  if (webhookJob !== null || message.authorId || message.isPrivate) return null;
  if (
    message.sender === 'visitor' &&
    condition === 'active' &&
    message.intent == null &&
    message.confidence == null &&
    message.modelVersionId == null &&
    !message.citations?.length &&
    message.answers === undefined &&
    message.outcome === undefined
  )
    return 'visitor';
  if (
    message.sender === 'bot' &&
    condition === 'bot' &&
    message.answers !== undefined &&
    message.outcome !== undefined
  )
    return 'reply';
  return null;
}

// On globalThis: server.ts and Next's bundle are two module graphs in one process.
const globalForBatchers = globalThis as unknown as {
  hearthStoreBatchers?: { visitor: StatementBatcher; reply: StatementBatcher };
};

function batchers(): { visitor: StatementBatcher; reply: StatementBatcher } {
  return (globalForBatchers.hearthStoreBatchers ??= {
    visitor: new StatementBatcher('store-visitor-messages', STORE_VISITOR_MESSAGES, [
      LEASE_MS / 1000,
      BOT_HISTORY,
    ]),
    reply: new StatementBatcher('store-bot-replies', STORE_BOT_REPLIES, [
      LEASE_MS / 1000,
      BOT_HISTORY,
    ]),
  });
}

async function findRetriedMessage(
  conversation: ConversationRecord,
  message: NewMessage,
): Promise<StoredResult | null> {
  const existing = await db().message.findUnique({
    where: {
      conversationId_clientId: { conversationId: conversation.id, clientId: message.clientId },
    },
  });
  if (!existing) return null;
  // A clientId is its sender's own; someone else's message with it is not a retry.
  if (existing.sender !== message.sender || existing.authorId !== (message.authorId ?? null)) {
    throw new ActionError('conflict', 'This message id is already taken');
  }
  return {
    message: { ...existing, authorName: message.authorName ?? null },
    conversation,
    created: false,
    botTurn: null,
    botContext: null,
    nextTurn: null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
